package io.inferplan.engine.spec;

import java.util.Locale;

/**
 * Rope scaling the deployment enables (contract {@code serving.ropeScaling}), e.g. YaRN with factor 4 as the Qwen3
 * model cards describe ({@code --rope-scaling '{"rope_type":"yarn","factor":4.0,...}'} in vLLM).
 *
 * @param type   the scaling method ({@code yarn})
 * @param factor how many times the model's original context it stretches to, &gt; 1
 */
public record RopeScaling(String type, double factor) {

    public RopeScaling {
        ModelSpec.require(type != null && !type.isBlank(), "ropeScaling.type", "is required, e.g. yarn");
        type = type.trim().toLowerCase(Locale.ROOT);
        ModelSpec.require(factor > 1 && factor <= 64, "ropeScaling.factor", "must be > 1 and at most 64");
    }
}
