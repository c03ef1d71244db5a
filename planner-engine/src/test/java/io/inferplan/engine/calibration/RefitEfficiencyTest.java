package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Refits the shipped efficiency profile on every modelled row of measurements.csv and rewrites
 * src/main/resources/io/inferplan/engine/calibration/fitted-efficiency.csv. Bands come from leave-one-source-out
 * residuals (never in-sample). Run: {@code mvn -pl planner-engine test -Dtest=RefitEfficiencyTest
 * -Dinferplan.refit=true}.
 */
@EnabledIfSystemProperty(named = "inferplan.refit", matches = "true")
class RefitEfficiencyTest {

    @Test
    void refitAndRewriteShippedProfile() throws Exception {
        List<MeasurementCase> all = EfficiencyFitter.fittable(ReferenceCatalog.get().cases());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        EfficiencyProfile fit = EfficiencyFitter.fit("default", all, today, EfficiencyProfile.priors(), 200);
        List<CrossValidation.Outcome> loso = CrossValidation.leaveOnePublisherOut(all, AccuracyReportTest.ITERATIONS);
        fit = fit.withBands(CrossValidation.bands(loso));
        CrossValidation.Summary s = CrossValidation.summarize(loso);
        Path out = Path.of("src/main/resources" + EfficiencyProfileCsv.RESOURCE);
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            EfficiencyProfileCsv.write(fit, w, List.of(
                    "InferPlan fitted efficiency profile (data, not code). Written by RefitEfficiencyTest; do not edit.",
                    "Fitted " + today + " with commons-math3 Levenberg-Marquardt on robust log errors, " + all.size()
                            + " rows of measurements.csv (ids in the 'rows' line), shrinkage toward shared values.",
                    "param values are in transformed space: logit for fractions, ln for seconds / factors "
                            + "(EfficiencyProfile.Quantity).",
                    "band = measured/predicted 10th;90th percentile of leave-one-source-out residuals "
                            + "(calibrated vs uncalibrated framework x hardware pair).",
                    "LOSO at fit time: " + s));
        }
        System.out.println("wrote " + out.toAbsolutePath() + " (" + fit.parameters().size() + " parameters; LOSO " + s
                + ")");
    }
}
