package io.inferplan.engine.cost;

/**
 * Cost per token of a deployment, from what an hour of it costs and how many tokens it serves in that hour.
 * Three lenses share the one formula {@link #usdPerMillionTokens}: a hosted API (its list price), rented
 * accelerators (GPU-hour price × count) and owned hardware ({@link OwnedHardware#usdPerHour}).
 */
public final class CostModel {

    /** Hours in an average month: 8,760 h per year ÷ 12. */
    public static final double HOURS_PER_MONTH = 730.0;
    public static final double SECONDS_PER_HOUR = 3600.0;
    private static final double MILLION = 1e6;

    private CostModel() {
    }

    /**
     * USD per million tokens = usdPerHour ÷ (tokensPerSecond × 3600 s/h) × 10^6.
     * Example: a $2.00/GPU-hour card at 1,000 output tokens/s costs 2 ÷ 3.6e6 × 1e6 = $0.556 per million.
     */
    public static double usdPerMillionTokens(double usdPerHour, double tokensPerSecond) {
        if (!(tokensPerSecond > 0)) {
            return Double.NaN;
        }
        return usdPerHour / (tokensPerSecond * SECONDS_PER_HOUR) * MILLION;
    }

    /** Rented: price of one accelerator-hour × accelerators. */
    public static double rentedUsdPerHour(double usdPerAcceleratorHour, int acceleratorCount) {
        return usdPerAcceleratorHour * acceleratorCount;
    }

    /**
     * USD per million tokens of a request mix where a request's GPU time is shared by its input and output
     * tokens: cost per request = usdPerHour ÷ 3600 ÷ requestsPerSecond; blended = that ÷ (input + output) × 10^6.
     */
    public static double usdPerMillionBlendedTokens(double usdPerHour, double requestsPerSecond, int inputTokens,
                                                    int outputTokens) {
        if (!(requestsPerSecond > 0)) {
            return Double.NaN;
        }
        double usdPerRequest = usdPerHour / SECONDS_PER_HOUR / requestsPerSecond;
        return usdPerRequest / (inputTokens + outputTokens) * MILLION;
    }

    /** An API's price for the same mix: (input × inPrice + output × outPrice) ÷ (input + output), USD per million. */
    public static double apiUsdPerMillionBlendedTokens(double usdPerMillionInput, double usdPerMillionOutput,
                                                       int inputTokens, int outputTokens) {
        return (inputTokens * usdPerMillionInput + outputTokens * usdPerMillionOutput) / (inputTokens + outputTokens);
    }

    /** Monthly cost of running the deployment around the clock: usdPerHour × 730 h. */
    public static double usdPerMonth(double usdPerHour) {
        return usdPerHour * HOURS_PER_MONTH;
    }

    /**
     * Monthly token volume at which self-hosting costs the same as the API: the deployment's monthly cost is
     * fixed, the API's grows with volume, so break-even tokens = usdPerMonth ÷ (API blended USD per token).
     * Infinite when the API is free; only meaningful when it is below the deployment's monthly capacity.
     */
    public static double breakEvenTokensPerMonth(double deploymentUsdPerMonth, double apiUsdPerMillionBlended) {
        if (!(apiUsdPerMillionBlended > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return deploymentUsdPerMonth / apiUsdPerMillionBlended * MILLION;
    }

    /** Tokens per month the deployment can serve at full load: tokensPerSecond × 3600 × 730. */
    public static double capacityTokensPerMonth(double tokensPerSecond) {
        return tokensPerSecond * SECONDS_PER_HOUR * HOURS_PER_MONTH;
    }
}
