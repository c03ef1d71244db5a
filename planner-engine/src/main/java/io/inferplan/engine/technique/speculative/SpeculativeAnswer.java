package io.inferplan.engine.technique.speculative;

import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.PerformanceEstimate;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedModel;

import java.util.ArrayList;
import java.util.List;

/**
 * Speculative decoding for one plan: the answer with and without it, what one step costs each way, the memory the
 * drafter takes, both ways across concurrency and where speculation stops paying.
 *
 * @param draftSecondsPerStep   the drafter's part of a one-sequence step at the plan's mean context
 * @param verifySecondsPerStep  the target's verification of k + 1 tokens in that step
 * @param plainStepSeconds      the same step without speculation (one token)
 * @param breakEvenConcurrency  deployment-wide concurrency from which speculation no longer raises throughput (null:
 *                              it pays over the whole curve)
 */
public record SpeculativeAnswer(SpeculativeSetup setup, double expectedTokensPerStep, double draftSecondsPerStep,
                                double verifySecondsPerStep, double plainStepSeconds, double draftWeightsBytes,
                                double draftKvBytesPerToken, double kvTokensPerReplicaWith,
                                double kvTokensPerReplicaWithout, int maxBatchWith, int maxBatchWithout,
                                PerformanceEstimate with, PerformanceEstimate without,
                                List<SpeculativeModel.Point> curve, Integer breakEvenConcurrency,
                                List<String> warnings) {

    public static SpeculativeAnswer of(SpeedInput in, EfficiencyProfile profile, SpeculativeSetup s) {
        SpeculativeModel.Replicas r = SpeculativeModel.replicas(in, SpeedModel.efficiency(in, profile), s);
        double context = in.workload().inputTokens() + in.workload().outputTokens() / 2.0;
        double step = r.step().stepSeconds(1, context, 0, 0);
        double draft = r.step().draftSeconds(1, context, 0, 0);
        PerformanceEstimate with = SpeedModel.estimate(in, profile, SpeculativeModel.evaluate(r));
        PerformanceEstimate without = SpeedModel.predict(in, profile);
        List<SpeculativeModel.Point> curve = SpeculativeModel.curve(r);
        List<String> warnings = new ArrayList<>();
        warnings.add(String.format(java.util.Locale.ROOT, "speculative decoding: %s, k = %d, acceptance rate %.3f (%s): "
                + "%.2f tokens per verification step on average (i.i.d. acceptance; real acceptance varies by request "
                + "and position)", s.method().id(), s.numSpeculativeTokens(), s.acceptanceRate(), s.acceptanceSource(),
                s.expectedTokensPerStep()));
        if (s.method() == SpeculativeMethod.EAGLE || s.method() == SpeculativeMethod.MTP) {
            warnings.add("draft head sized as one decoder layer of the target plus a vocab × hidden output head");
        }
        return new SpeculativeAnswer(s, s.expectedTokensPerStep(), draft, step - draft,
                r.plain().physics().decodeStepSeconds(1, context), r.drafter().weightBytes(),
                r.drafter().kvBytesPerToken(), r.kvTokensWith(), r.plain().kvCapacityTokens(),
                r.speculative().batchCap(), r.plain().batchCap(), with, without, curve,
                SpeculativeModel.breakEvenConcurrency(r, curve), warnings);
    }
}
