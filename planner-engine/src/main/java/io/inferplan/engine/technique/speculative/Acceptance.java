package io.inferplan.engine.technique.speculative;

/**
 * The arithmetic of speculative decoding with a chain of k drafted tokens, each accepted with probability α
 * independently of the others (Leviathan, Kalman and Matias 2023, "Fast Inference from Transformers via Speculative
 * Decoding", arXiv:2211.17192, eq. 1; the same i.i.d. assumption vLLM's and TensorRT-LLM's docs use).
 */
public final class Acceptance {
    private Acceptance() {
    }

    /**
     * Expected tokens one verification step yields per sequence: the accepted prefix of the k drafts plus the token
     * the target samples itself, (1 − α^(k+1)) ÷ (1 − α); k + 1 when every draft is accepted (α = 1), 1 when none is.
     */
    public static double expectedTokensPerStep(double alpha, int k) {
        check(alpha, k);
        if (alpha >= 1.0 - 1e-12) {
            return k + 1.0;
        }
        return (1.0 - Math.pow(alpha, k + 1)) / (1.0 - alpha);
    }

    /**
     * The per-token acceptance rate α that yields a published mean acceptance length τ (tokens per verification step,
     * bonus token included, as vLLM and TensorRT-LLM report it) at k drafts: the root of E(α, k) = τ, by bisection
     * (E rises monotonically from 1 at α = 0 to k + 1 at α = 1).
     */
    public static double alphaForLength(double tokensPerStep, int k) {
        if (!(tokensPerStep >= 1.0 && tokensPerStep <= k + 1.0)) {
            throw new IllegalArgumentException("acceptance length: must be between 1 and k + 1 = " + (k + 1)
                    + " tokens per step, got " + tokensPerStep);
        }
        double lo = 0;
        double hi = 1;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            if (expectedTokensPerStep(mid, k) < tokensPerStep) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }

    /**
     * Mean acceptance length from the share of drafted tokens accepted (llama.cpp's and vLLM's "acceptance rate"):
     * 1 + share × k, the bonus token plus the accepted drafts.
     */
    public static double lengthFromAcceptedShare(double acceptedShare, int k) {
        if (!(acceptedShare >= 0 && acceptedShare <= 1)) {
            throw new IllegalArgumentException("accepted share: must be in [0, 1], got " + acceptedShare);
        }
        return 1.0 + acceptedShare * k;
    }

    private static void check(double alpha, int k) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("acceptanceRate: must be in [0, 1], got " + alpha);
        }
        if (k < 1) {
            throw new IllegalArgumentException("numSpeculativeTokens: must be >= 1, got " + k);
        }
    }
}
