package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link EfficiencyFitter#pulls} (which rows want a parameter larger or smaller) and the fit's search settings. */
class FitDiagnosticsTest {

    static final EfficiencyProfile SHIPPED = EfficiencyProfileCsv.shipped();

    static List<MeasurementCase> rows() {
        return UserRefitTest.vllmRows(UserRefitTest.B200).stream()
                .map(m -> MeasurementCase.of(m, ReferenceCatalog.get().lookup()).value()).toList();
    }

    @Test
    void aTtftRowPredictedAboveItsMeasurementWantsTheRequestOverheadShorterAndOneBelowWantsItLonger() {
        // TTFT grows with the request overhead, so the pull's sign is the sign of ln(predicted ÷ measured)
        List<MeasurementCase> cases = rows().stream().filter(c -> c.metric().name().startsWith("TTFT")).toList();
        assertFalse(cases.isEmpty());
        double[] pull = EfficiencyFitter.pulls(cases, SHIPPED, "req.fw.vllm", 0.05);
        for (int i = 0; i < cases.size(); i++) {
            double logRatio = Math.log(CrossValidation.predict(cases.get(i), SHIPPED) / cases.get(i).measured());
            assertEquals(Math.signum(logRatio), Math.signum(pull[i]), cases.get(i).row().id() + " " + logRatio);
        }
    }

    @Test
    void aParameterOutsideTheRowsCombinationPullsNothing() {
        double[] pull = EfficiencyFitter.pulls(rows(), SHIPPED, "req.fw.ollama", 0.05);
        for (double p : pull) {
            assertEquals(0.0, p);
        }
        assertTrue(pull.length > 0);
    }

    @Test
    void aSearchStartsWhereItIsToldAndReportsTheNormItEndedAt() {
        // the same rows and priors, only the starting point differs: the search ends elsewhere, as it does on the
        // whole corpus (README, Published comparisons)
        List<MeasurementCase> cases = rows();
        EfficiencyProfile fromPriors = EfficiencyFitter.fit("a", cases, "n/a", EfficiencyProfile.priors(), 20);
        double priorsNorm = EfficiencyFitter.lastCost;
        EfficiencyProfile fromShipped = EfficiencyFitter.fit("b", cases, "n/a", EfficiencyProfile.priors(), 20,
                new EfficiencyFitter.Search(1e-4, SHIPPED));
        assertTrue(priorsNorm > 0 && EfficiencyFitter.lastCost > 0);
        assertTrue(Math.abs(fromPriors.parameters().get("req.fw.vllm") - fromShipped.parameters().get("req.fw.vllm")) > 1e-6,
                fromPriors.parameters().get("req.fw.vllm") + " " + fromShipped.parameters().get("req.fw.vllm"));
    }
}
