package io.inferplan.plan.accuracy;

import io.inferplan.engine.calibration.EfficiencyFitter;
import io.inferplan.engine.calibration.MeasurementCase;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import io.inferplan.engine.speed.FormatClass;
import io.inferplan.engine.speed.SpeedModel;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped efficiency profile is the one the current code and corpus produce: it was fitted on exactly the rows
 * the corpus models today, and refitting now reproduces its predictions. A change to the engine or the data that
 * needs a refit cannot land with a stale profile (run {@code RefitEfficiencyTest} to refit).
 */
class ShippedProfileIsCurrentTest {
    /** Refit and shipped predictions may differ by this much, ln units (LM stops at a tolerance, not a point). */
    static final double MEDIAN_LOG_TOLERANCE = 0.02;
    static final double P90_LOG_TOLERANCE = 0.08;

    @Test
    void theShippedProfileWasFittedOnTheRowsTheCorpusModelsToday() {
        EfficiencyProfile shipped = EfficiencyProfileCsv.shipped();
        Set<String> modelled = new TreeSet<>(Corpus.shipped().modelled.stream().map(c -> c.row().id()).toList());
        Set<String> fitted = new TreeSet<>(shipped.rowIds());
        assertEquals(modelled, fitted, "the corpus or the engine changed since the fit: run RefitEfficiencyTest");
    }

    @Test
    void refittingNowReproducesTheShippedPredictions() {
        List<MeasurementCase> all = Corpus.shipped().modelled;
        EfficiencyProfile shipped = EfficiencyProfileCsv.shipped();
        EfficiencyProfile refit = EfficiencyFitter.fit("check", all, "n/a", EfficiencyProfile.priors(),
                RefitEfficiencyTest.ITERATIONS);
        double[] diff = all.parallelStream().mapToDouble(c -> {
            var hw = c.input().accelerator().architecture();
            var fc = FormatClass.of(c.input().weightFormat());
            double a = c.predicted(SpeedModel.analytic(c.input(), shipped.resolve(c.frameworkKey(), hw, fc), false));
            double b = c.predicted(SpeedModel.analytic(c.input(), refit.resolve(c.frameworkKey(), hw, fc), false));
            return a > 0 && b > 0 ? Math.abs(Math.log(a / b)) : 0;
        }).sorted().toArray();
        double median = diff[diff.length / 2];
        double p90 = diff[(int) (0.9 * (diff.length - 1))];
        System.out.printf("refit vs shipped, |ln ratio| of %d predictions: median %.4f, p90 %.4f, max %.4f%n",
                diff.length, median, p90, Arrays.stream(diff).max().orElse(0));
        assertTrue(median <= MEDIAN_LOG_TOLERANCE, "median |ln(refit/shipped)| " + median + ": refit the profile");
        assertTrue(p90 <= P90_LOG_TOLERANCE, "p90 |ln(refit/shipped)| " + p90 + ": refit the profile");
    }
}
