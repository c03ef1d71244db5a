package io.inferplan.plan.accuracy;

import io.inferplan.engine.calibration.CrossValidation;
import io.inferplan.engine.calibration.EfficiencyFitter;
import io.inferplan.engine.calibration.MeasurementCase;
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
 * Refits the shipped efficiency profile on every modelled row of the corpus and rewrites
 * planner-engine/src/main/resources/io/inferplan/engine/calibration/fitted-efficiency.csv. Bands come from
 * leave-one-publisher-out residuals (never in-sample). Run: {@code mvn -pl planner-api -am test
 * -Dtest=RefitEfficiencyTest -Dinferplan.refit=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "inferplan.refit", matches = "true")
class RefitEfficiencyTest {
    /** LM iterations of the shipped fit (per outer round). */
    static final int ITERATIONS = 60;

    @Test
    void refitAndRewriteShippedProfile() throws Exception {
        List<MeasurementCase> all = Corpus.shipped().modelled;
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        EfficiencyProfile fit = EfficiencyFitter.fit("default", all, today, EfficiencyProfile.priors(), ITERATIONS);
        List<CrossValidation.Outcome> loso = CrossValidation.leaveOnePublisherOut(all, AccuracyReportTest.ITERATIONS);
        fit = fit.withBands(CrossValidation.bands(loso));
        CrossValidation.Summary s = CrossValidation.summarize(loso);
        Path out = Path.of("../planner-engine/src/main/resources" + EfficiencyProfileCsv.RESOURCE);
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            EfficiencyProfileCsv.write(fit, w, List.of(
                    "InferPlan fitted efficiency profile (data, not code). Written by RefitEfficiencyTest; do not edit.",
                    "Fitted " + today + " with commons-math3 Levenberg-Marquardt on robust log errors of the product's "
                            + "predictions (simulated rows by output space mapping), " + all.size()
                            + " rows of the corpus (ids in the 'rows' line), shrinkage toward shared values.",
                    "param values are in transformed space: logit for fractions, ln for seconds / factors "
                            + "(EfficiencyProfile.Quantity).",
                    "band = measured/predicted 10th;90th percentile of leave-one-publisher-out residuals "
                            + "(calibrated vs uncalibrated framework x hardware pair).",
                    "Leave-one-publisher-out at fit time: " + s));
        }
        System.out.println("wrote " + out.toAbsolutePath() + " (" + fit.parameters().size() + " parameters; LOPO " + s
                + ")");
    }
}
