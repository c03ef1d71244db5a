package io.inferplan.engine.cost;

import java.util.ArrayList;
import java.util.List;

/**
 * What a hosted API bills for one workload, beyond its list price: input tokens read from the provider's prompt
 * cache at the cached-input price, the batch API's discount, and a higher tier for long prompts.
 */
public final class ApiBilling {

    private ApiBilling() {
    }

    /**
     * One price set of an API, USD per million tokens. NaN marks what the provider does not offer (or no source
     * gave): no cached price, no batch discount, no long-context tier ({@code longContextThresholdTokens} 0).
     *
     * @param batchDiscountFraction      share taken off every price by the batch API (0.5 = half price)
     * @param longContextThresholdTokens prompts with more input tokens than this are billed at the long-context prices
     */
    public record Prices(double input, double cachedInput, double output, double batchDiscountFraction,
                         int longContextThresholdTokens, double longInput, double longCachedInput, double longOutput) {

        /** List prices only. */
        public static Prices list(double input, double output) {
            return new Prices(input, Double.NaN, output, Double.NaN, 0, Double.NaN, Double.NaN, Double.NaN);
        }
    }

    /**
     * The bill of one workload.
     *
     * @param inputUsdPerMillion  effective price of an input token after cache hits, tier and batch discount
     * @param outputUsdPerMillion effective price of an output token after tier and batch discount
     * @param blendedUsdPerMillion (input × inputPrice + output × outputPrice) ÷ (input + output)
     * @param cacheHitFraction    share of input tokens billed at the cached price (0 when no cached price applies)
     * @param applied             which billing rules were applied, in words
     * @param notApplied          rules the workload asked for that this API has no (sourced) price for
     */
    public record Bill(double inputUsdPerMillion, double outputUsdPerMillion, double blendedUsdPerMillion,
                       double cacheHitFraction, boolean longContextTier, boolean batch, List<String> applied,
                       List<String> notApplied) {
    }

    /**
     * Bills {@code inputTokens} + {@code outputTokens} per request.
     * <ol>
     *   <li>Tier: a prompt longer than the threshold is billed at the long-context prices (every token of it).</li>
     *   <li>Cache: a share {@code cacheHitFraction} of the input is billed at the cached price:
     *       input price = (1 − h) × input + h × cachedInput.</li>
     *   <li>Batch: every price × (1 − discount), cache reads included (Anthropic documents that batch and cache
     *       discounts stack; for others it is assumed).</li>
     * </ol>
     * Example: input $3, cached $0.30, output $15, 10,000 input tokens of which 90 % cached, 500 output:
     * input price = 0.1 × 3 + 0.9 × 0.30 = $0.57; blended = (10,000 × 0.57 + 500 × 15) ÷ 10,500 = $1.2571.
     */
    public static Bill bill(Prices p, int inputTokens, int outputTokens, double cacheHitFraction, boolean batch) {
        if (inputTokens < 1 || outputTokens < 1) {
            throw new IllegalArgumentException("inputTokens and outputTokens: must be >= 1");
        }
        if (!(cacheHitFraction >= 0 && cacheHitFraction <= 1)) {
            throw new IllegalArgumentException("cacheHitFraction: must be in [0, 1], was " + cacheHitFraction);
        }
        List<String> applied = new ArrayList<>();
        List<String> notApplied = new ArrayList<>();
        boolean tier = p.longContextThresholdTokens() > 0 && inputTokens > p.longContextThresholdTokens();
        double in = tier ? p.longInput() : p.input();
        double cached = tier ? p.longCachedInput() : p.cachedInput();
        double out = tier ? p.longOutput() : p.output();
        if (tier) {
            applied.add("long-context tier: prompt of " + inputTokens + " tokens > " + p.longContextThresholdTokens());
        }
        double hit = 0;
        if (cacheHitFraction > 0) {
            if (Double.isNaN(cached)) {
                notApplied.add("prompt cache: no cached-input price " + (tier ? "for the long-context tier" : "in the catalog")
                        + ", every input token at the full price");
            } else {
                hit = cacheHitFraction;
                in = (1 - hit) * in + hit * cached;
                applied.add(String.format(java.util.Locale.ROOT, "prompt cache: %.1f %% of input tokens at the cached price",
                        hit * 100));
            }
        }
        boolean batched = false;
        if (batch) {
            if (Double.isNaN(p.batchDiscountFraction())) {
                notApplied.add("batch: no batch discount in the catalog, list prices used");
            } else {
                batched = true;
                in *= 1 - p.batchDiscountFraction();
                out *= 1 - p.batchDiscountFraction();
                applied.add(String.format(java.util.Locale.ROOT, "batch API: %.0f %% off", p.batchDiscountFraction() * 100));
            }
        }
        double blended = CostModel.apiUsdPerMillionBlendedTokens(in, out, inputTokens, outputTokens);
        return new Bill(in, out, blended, hit, tier, batched, List.copyOf(applied), List.copyOf(notApplied));
    }
}
