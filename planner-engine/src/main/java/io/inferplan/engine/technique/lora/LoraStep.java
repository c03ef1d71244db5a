package io.inferplan.engine.technique.lora;

import io.inferplan.engine.speed.physics.StepTime;

/**
 * A step of a replica serving LoRA adapters with batched kernels (Punica SGMV / vLLM's punica wrapper, S-LoRA,
 * SGLang's csgmv): the base model's step plus, for the step's tokens, the low-rank matrices of the adapters in the
 * batch —
 * <ul>
 * <li>reads: each distinct adapter in the step once, bytes = its parameters × bytes per element ÷ tensor parallel;</li>
 * <li>FLOPs: 2 × tokens × the adapter's parameters per layer × layers (shrink to r, expand back) ÷ tensor parallel;</li>
 * <li>whichever binds (the kernels are memory-bound at decode, compute-bound in long prefills);</li>
 * <li>swaps: a request whose adapter is not on the accelerator waits for its load over the host link; spread over
 *     its prompt tokens that is {@code swapSecondsPerPromptToken} per prefill token in the step.</li>
 * </ul>
 * Distinct adapters among b sequences drawn uniformly from N active adapters: N × (1 − (1 − 1/N)^b), at most the
 * batch's adapter slots (the scheduler admits no more).
 */
public final class LoraStep implements StepTime {
    private final StepTime base;
    private final double adapterBytes;
    private final double adapterFlopsPerToken;
    private final double bytesPerSecond;
    private final double flopsPerSecond;
    private final int activeAdapters;
    private final int slots;
    private final double swapSecondsPerPromptToken;

    /**
     * @param adapterBytes          one adapter's weights read per step, bytes (on one accelerator)
     * @param adapterFlopsPerToken  FLOPs one token spends in one adapter (on one accelerator)
     * @param activeAdapters        adapters receiving traffic (uniformly)
     * @param slots                 adapters one batch may hold (vLLM max_loras, SGLang max_loras_per_batch)
     */
    public LoraStep(StepTime base, double adapterBytes, double adapterFlopsPerToken, double bytesPerSecond,
                    double flopsPerSecond, int activeAdapters, int slots, double swapSecondsPerPromptToken) {
        this.base = base;
        this.adapterBytes = adapterBytes;
        this.adapterFlopsPerToken = adapterFlopsPerToken;
        this.bytesPerSecond = bytesPerSecond;
        this.flopsPerSecond = flopsPerSecond;
        this.activeAdapters = Math.max(1, activeAdapters);
        this.slots = Math.max(1, slots);
        this.swapSecondsPerPromptToken = swapSecondsPerPromptToken;
    }

    /** Expected distinct adapters among {@code sequences} requests of N uniformly used adapters, capped at the slots. */
    public double distinctAdapters(double sequences) {
        if (sequences <= 0) {
            return 0;
        }
        double n = activeAdapters;
        double distinct = n == 1 ? 1 : n * (1 - Math.pow(1 - 1 / n, sequences));
        return Math.min(slots, distinct);
    }

    /** The adapters' share of a step carrying {@code sequences} sequences and {@code tokens} tokens, seconds. */
    public double adapterSeconds(double sequences, double tokens) {
        if (tokens <= 0) {
            return 0;
        }
        double read = distinctAdapters(sequences) * adapterBytes / bytesPerSecond;
        double compute = tokens * adapterFlopsPerToken / flopsPerSecond;
        return Math.max(read, compute);
    }

    @Override
    public double stepSeconds(double decodeSequences, double decodeContextTokens, double prefillTokens,
                              double prefillPairs) {
        double sequences = decodeSequences + (prefillTokens > 0 ? 1 : 0);
        return base.stepSeconds(decodeSequences, decodeContextTokens, prefillTokens, prefillPairs)
                + adapterSeconds(sequences, decodeSequences + prefillTokens)
                + prefillTokens * swapSecondsPerPromptToken;
    }

    @Override
    public double decodeConstantSeconds(double d) {
        return stepSeconds(d, 0, 0, 0);
    }

    @Override
    public double decodeSecondsPerContextToken() {
        return base.decodeSecondsPerContextToken();
    }

    @Override
    public double tokensPerDecodeStep() {
        return base.tokensPerDecodeStep();
    }

    @Override
    public int budgetTokensPerDecodingSequence() {
        return base.budgetTokensPerDecodingSequence();
    }
}
