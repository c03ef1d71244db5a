package io.inferplan.engine.technique.speculative;

import io.inferplan.engine.spec.ModelSpec;

/**
 * Speculative decoding as planned (the contract's {@code serving.speculative}, resolved).
 *
 * @param draftModel          the draft model (draft-model method only, else null)
 * @param numSpeculativeTokens k, drafts verified per step
 * @param acceptanceRate      α, per-token acceptance rate
 * @param acceptanceSource    "given" or the published figure and its URL the default came from
 */
public record SpeculativeSetup(SpeculativeMethod method, ModelSpec draftModel, int numSpeculativeTokens,
                               double acceptanceRate, String acceptanceSource) {

    public SpeculativeSetup {
        if (method == null) {
            throw new IllegalArgumentException("serving.speculative.method: is required; allowed "
                    + SpeculativeMethod.allowed());
        }
        if (method == SpeculativeMethod.DRAFT_MODEL && draftModel == null) {
            throw new IllegalArgumentException("serving.speculative.draftModel: is required for method draft-model");
        }
        if (numSpeculativeTokens < 1 || numSpeculativeTokens > 64) {
            throw new IllegalArgumentException("serving.speculative.numSpeculativeTokens: must be between 1 and 64");
        }
        if (!(acceptanceRate >= 0 && acceptanceRate <= 1)) {
            throw new IllegalArgumentException("serving.speculative.acceptanceRate: must be in [0, 1]");
        }
    }

    /** E = (1 − α^(k+1)) ÷ (1 − α) tokens per verification step. */
    public double expectedTokensPerStep() {
        return Acceptance.expectedTokensPerStep(acceptanceRate, numSpeculativeTokens);
    }
}
