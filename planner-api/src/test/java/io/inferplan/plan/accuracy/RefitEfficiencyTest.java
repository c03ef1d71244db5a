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

    static EfficiencyProfile startFrom() {
        String file = System.getProperty("inferplan.startFrom");
        if (file == null) {
            return null;
        }
        try (java.io.Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            return EfficiencyProfileCsv.read(r, "start");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void refitAndRewriteShippedProfile() throws Exception {
        List<MeasurementCase> all = Corpus.shipped().modelled;
        // experiments only: -Dinferplan.excludeRows=<regex on id|publisher|model|framework|metric|statistic> leaves
        // rows out of the fit; -Dinferplan.skipLopo=true keeps the shipped bands instead of running the held-out folds
        String ex = System.getProperty("inferplan.excludeRows");
        if (ex != null) {
            java.util.regex.Pattern pat = java.util.regex.Pattern.compile(ex);
            all = all.stream().filter(c -> !pat.matcher(c.row().id() + "|" + c.publisher() + "|" + c.row().model() + "|"
                    + c.frameworkKey() + "|" + c.metric() + "|" + c.row().statistic()).find()).toList();
            System.out.println("fitting on " + all.size() + " rows");
        }
        // -Dinferplan.tolerance=1e-10 searches further than the shipped 1e-4; -Dinferplan.startFrom=<profile csv>
        // starts there instead of at the priors (both for experiments: is the answer the loss's minimum?)
        EfficiencyFitter.Search search = new EfficiencyFitter.Search(
                Double.parseDouble(System.getProperty("inferplan.tolerance", "1e-4")), startFrom());
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        EfficiencyProfile fit = EfficiencyFitter.fit("default", all, today, EfficiencyProfile.priors(), ITERATIONS,
                search);
        System.out.println("fit's residual norm " + EfficiencyFitter.lastCost);
        boolean skipLopo = Boolean.getBoolean("inferplan.skipLopo");
        List<CrossValidation.Outcome> loso = skipLopo ? List.of()
                : CrossValidation.leaveOnePublisherOut(all, AccuracyReportTest.ITERATIONS, search);
        fit = fit.withBands(skipLopo ? EfficiencyProfileCsv.shipped().bands() : CrossValidation.bands(loso));
        String s = skipLopo ? "skipped (experiment; bands are the shipped profile's)"
                : CrossValidation.summarize(loso).toString();
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
