package io.inferplan.plan.query;

import io.inferplan.plan.technique.TechniqueInputs;

import java.util.List;
import java.util.Map;

/**
 * The serving techniques' blocks from query parameters ({@link PlanQuery#PARAMS}): {@code speculativeMethod},
 * {@code draftModel}, {@code numSpeculativeTokens}, {@code acceptanceRate}; {@code loraAdapters}, {@code loraRank},
 * {@code loraTargetModules} (comma-separated), {@code maxLorasPerBatch}, {@code maxCpuLoras};
 * {@code prefillAccelerator}, {@code prefillTensorParallel}, {@code prefillInstances}, the same for {@code decode…},
 * and {@code kvLink}. A block none of whose parameters is given is absent.
 */
final class TechniqueParams {
    private TechniqueParams() {
    }

    static TechniqueInputs.SpeculativeInput speculative(Map<String, Object> v) {
        if (!PlanQuery.anyOf(v, "serving.speculative")) {
            return null;
        }
        return new TechniqueInputs.SpeculativeInput((String) v.get("serving.speculative.method"),
                (String) v.get("serving.speculative.draftModel"),
                (Integer) v.get("serving.speculative.numSpeculativeTokens"),
                (Double) v.get("serving.speculative.acceptanceRate"));
    }

    @SuppressWarnings("unchecked")
    static TechniqueInputs.LoraInput lora(Map<String, Object> v) {
        if (!PlanQuery.anyOf(v, "serving.lora")) {
            return null;
        }
        return new TechniqueInputs.LoraInput((Integer) v.get("serving.lora.adapters"), (Integer) v.get("serving.lora.rank"),
                (List<String>) v.get("serving.lora.targetModules"), (Integer) v.get("serving.lora.maxLorasPerBatch"),
                (Integer) v.get("serving.lora.maxCpuLoras"));
    }

    static TechniqueInputs.DisaggregationInput disaggregation(Map<String, Object> v) {
        if (!PlanQuery.anyOf(v, "disaggregation")) {
            return null;
        }
        return new TechniqueInputs.DisaggregationInput(pool(v, "disaggregation.prefill"),
                pool(v, "disaggregation.decode"), (String) v.get("disaggregation.kvLink"));
    }

    private static TechniqueInputs.PoolInput pool(Map<String, Object> v, String block) {
        if (!PlanQuery.anyOf(v, block)) {
            return null;
        }
        return new TechniqueInputs.PoolInput((String) v.get(block + ".accelerator"),
                (Integer) v.get(block + ".tensorParallel"), (Integer) v.get(block + ".instances"));
    }
}
