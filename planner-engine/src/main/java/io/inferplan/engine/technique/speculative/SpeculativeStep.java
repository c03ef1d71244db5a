package io.inferplan.engine.technique.speculative;

import io.inferplan.engine.speed.physics.StepPhysics;
import io.inferplan.engine.speed.physics.StepTime;

/**
 * One engine iteration with speculative decoding (chain of k drafts per sequence):
 * <ul>
 * <li>draft: the drafter's first pass carries the step's prompt tokens and the d sequences (its KV must follow the
 *     target's), then k − 1 more decode passes of the d sequences — {@code draft(d, S, P, pairs) + (k − 1) ×
 *     draft(d, S, 0, 0)}; nothing for ngram;</li>
 * <li>verification: the target's step with each decoding sequence carrying k + 1 query tokens — its KV read once,
 *     the k extra tokens computed like a prefill chunk of k tokens after its context c: d·k more tokens and
 *     Σ (k²/2 + k·c) = d·k²/2 + k·S more query–key pairs;</li>
 * <li>yield: E = (1 − α^(k+1)) ÷ (1 − α) tokens per sequence per step ({@link Acceptance}), as an expectation;</li>
 * <li>budget: each decoding sequence takes k + 1 tokens of the scheduler's token budget (vLLM V1 counts spec tokens);</li>
 * <li>output handling: the fitted per-sequence CPU time (detokenising, stop checks, streaming) is per token produced,
 *     so a sequence yielding E tokens in a step pays it E times (the target's step already pays it once).</li>
 * </ul>
 * Both parts are linear in the decoding context S, so decode stretches still sum in closed form.
 */
public final class SpeculativeStep implements StepTime {
    private final StepPhysics target;
    private final StepPhysics draft;
    private final int k;
    private final double tokensPerStep;
    private final double secondsPerContextToken;
    private final double sequenceOverheadSeconds;

    /**
     * @param draft                   the drafter's physics, or null when no model drafts (ngram)
     * @param sequenceOverheadSeconds the target's fitted CPU time per sequence and output token
     */
    public SpeculativeStep(StepPhysics target, StepPhysics draft, int k, double alpha, double sequenceOverheadSeconds) {
        if (k < 1) {
            throw new IllegalArgumentException("numSpeculativeTokens: must be >= 1");
        }
        this.target = target;
        this.draft = draft;
        this.k = k;
        this.tokensPerStep = Acceptance.expectedTokensPerStep(alpha, k);
        this.sequenceOverheadSeconds = sequenceOverheadSeconds;
        // the step is linear in S: its slope from two points far apart (exact up to rounding)
        double span = 1e6;
        this.secondsPerContextToken = (stepSeconds(1, span, 0, 0) - stepSeconds(1, 0, 0, 0)) / span;
    }

    @Override
    public double stepSeconds(double decodeSequences, double decodeContextTokens, double prefillTokens,
                              double prefillPairs) {
        double d = decodeSequences;
        double verify = target.stepSeconds(d, decodeContextTokens, prefillTokens + d * k,
                prefillPairs + d * k * k / 2.0 + k * decodeContextTokens);
        return verify + draftSeconds(d, decodeContextTokens, prefillTokens, prefillPairs)
                + d * (tokensPerStep - 1) * sequenceOverheadSeconds;
    }

    /** The drafter's share of a step, seconds (0 for ngram). */
    public double draftSeconds(double d, double contextTokens, double prefillTokens, double prefillPairs) {
        if (draft == null) {
            return 0;
        }
        return draft.stepSeconds(d, contextTokens, prefillTokens, prefillPairs)
                + (k - 1) * draft.stepSeconds(d, contextTokens, 0, 0);
    }

    @Override
    public double decodeConstantSeconds(double d) {
        return stepSeconds(d, 0, 0, 0);
    }

    @Override
    public double decodeSecondsPerContextToken() {
        return secondsPerContextToken;
    }

    @Override
    public double tokensPerDecodeStep() {
        return tokensPerStep;
    }

    @Override
    public int budgetTokensPerDecodingSequence() {
        return k + 1;
    }

    public int numSpeculativeTokens() {
        return k;
    }
}
