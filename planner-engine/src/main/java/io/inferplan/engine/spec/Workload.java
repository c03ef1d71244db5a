package io.inferplan.engine.spec;

import java.util.Locale;

/**
 * The traffic a plan must serve (contract {@code workload} block).
 *
 * @param mode               how requests arrive
 * @param inputTokens        prompt tokens per request, ≥ 1
 * @param outputTokens       generated tokens per request, ≥ 1
 * @param concurrency        requests in flight for {@link Mode#FIXED_CONCURRENCY}; null otherwise (1 for single-stream)
 * @param requestsPerSecond  Poisson arrival rate for {@link Mode#ARRIVAL_RATE}; null otherwise
 * @param sharedPrefixTokens leading prompt tokens identical across requests (0..inputTokens)
 */
public record Workload(
        Mode mode,
        int inputTokens,
        int outputTokens,
        Integer concurrency,
        Double requestsPerSecond,
        int sharedPrefixTokens) {

    public Workload {
        ModelSpec.require(mode != null, "mode", "must be one of single-stream, fixed-concurrency, arrival-rate, max-throughput");
        ModelSpec.require(inputTokens >= 1, "inputTokens", "must be >= 1 token");
        ModelSpec.require(outputTokens >= 1, "outputTokens", "must be >= 1 token");
        ModelSpec.require(sharedPrefixTokens >= 0 && sharedPrefixTokens <= inputTokens, "sharedPrefixTokens",
                "must be between 0 and inputTokens tokens");
        if (mode == Mode.SINGLE_STREAM) {
            ModelSpec.require(concurrency == null || concurrency == 1, "concurrency", "must be 1 (or absent) for single-stream");
            concurrency = 1;
        }
        if (mode == Mode.FIXED_CONCURRENCY) {
            ModelSpec.require(concurrency != null && concurrency >= 1 && concurrency <= 100_000, "concurrency",
                    "must be between 1 and 100000 requests for fixed-concurrency");
        }
        if (mode == Mode.ARRIVAL_RATE) {
            ModelSpec.require(requestsPerSecond != null && requestsPerSecond > 0, "requestsPerSecond",
                    "must be > 0 requests per second for arrival-rate");
        }
    }

    /** Tokens one request holds in the KV cache when it finishes: input + output. */
    public int tokensPerRequest() {
        return inputTokens + outputTokens;
    }

    public static Workload singleStream(int inputTokens, int outputTokens) {
        return new Workload(Mode.SINGLE_STREAM, inputTokens, outputTokens, 1, null, 0);
    }

    public static Workload fixedConcurrency(int inputTokens, int outputTokens, int concurrency, int sharedPrefixTokens) {
        return new Workload(Mode.FIXED_CONCURRENCY, inputTokens, outputTokens, concurrency, null, sharedPrefixTokens);
    }

    /** Workload modes of the contract ({@code single-stream}, {@code fixed-concurrency}, …). */
    public enum Mode {
        SINGLE_STREAM, FIXED_CONCURRENCY, ARRIVAL_RATE, MAX_THROUGHPUT;

        /** Parses the contract spelling ({@code fixed-concurrency}) or the enum name. */
        public static Mode parse(String text) {
            return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }
}
