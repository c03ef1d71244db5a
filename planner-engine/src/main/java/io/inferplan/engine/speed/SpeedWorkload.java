package io.inferplan.engine.speed;

import io.inferplan.engine.speed.sim.LengthDistribution;

/**
 * The workload the speed model answers for (the contract's {@code workload} block, engine units).
 *
 * @param inputTokens        prompt tokens per request, at least 1
 * @param outputTokens       generated tokens per request, at least 1
 * @param concurrency        requests in flight for {@link WorkloadMode#FIXED_CONCURRENCY}; 1 for single-stream
 * @param requestsPerSecond  Poisson arrival rate for {@link WorkloadMode#ARRIVAL_RATE}, else 0
 * @param sharedPrefixTokens leading prompt tokens identical across requests (system prompt), 0..inputTokens
 * @param inputTokensSpread  standard deviation of prompt lengths, tokens (0 = every prompt has inputTokens)
 * @param outputTokensSpread standard deviation of output lengths, tokens
 * @param lengthShape        shape of the length distributions when a spread is given (uniform or lognormal)
 * @param burstiness         gamma shape of inter-arrival times in arrival-rate mode: 1 = Poisson, below 1 burstier
 */
public record SpeedWorkload(WorkloadMode mode, int inputTokens, int outputTokens, int concurrency,
                            double requestsPerSecond, int sharedPrefixTokens, double inputTokensSpread,
                            double outputTokensSpread, LengthDistribution.Shape lengthShape, double burstiness) {

    public SpeedWorkload(WorkloadMode mode, int inputTokens, int outputTokens, int concurrency,
                         double requestsPerSecond, int sharedPrefixTokens) {
        this(mode, inputTokens, outputTokens, concurrency, requestsPerSecond, sharedPrefixTokens, 0, 0,
                LengthDistribution.Shape.UNIFORM, 1);
    }

    public SpeedWorkload {
        require(mode != null, "mode", "must be given");
        require(inputTokens >= 1, "inputTokens", "must be >= 1 token");
        require(outputTokens >= 1, "outputTokens", "must be >= 1 token");
        require(concurrency >= 1, "concurrency", "must be >= 1 request");
        require(requestsPerSecond >= 0 && Double.isFinite(requestsPerSecond), "requestsPerSecond",
                "must be a finite rate >= 0 requests/s");
        require(mode != WorkloadMode.ARRIVAL_RATE || requestsPerSecond > 0, "requestsPerSecond",
                "must be > 0 requests/s in arrival-rate mode");
        require(sharedPrefixTokens >= 0 && sharedPrefixTokens <= inputTokens, "sharedPrefixTokens",
                "must be between 0 and inputTokens");
        require(inputTokensSpread >= 0 && Double.isFinite(inputTokensSpread), "inputTokensSpread",
                "must be a finite standard deviation >= 0 tokens");
        require(outputTokensSpread >= 0 && Double.isFinite(outputTokensSpread), "outputTokensSpread",
                "must be a finite standard deviation >= 0 tokens");
        require(burstiness > 0 && burstiness <= 100, "burstiness", "must be in (0, 100] (1 = Poisson)");
        lengthShape = lengthShape == null ? LengthDistribution.Shape.UNIFORM : lengthShape;
        if (mode == WorkloadMode.SINGLE_STREAM) {
            concurrency = 1;
        }
    }

    /** The prompt-length distribution the simulator draws from. */
    public LengthDistribution inputDistribution() {
        return new LengthDistribution(lengthShape, inputTokens, inputTokensSpread);
    }

    /** The output-length distribution the simulator draws from. */
    public LengthDistribution outputDistribution() {
        return new LengthDistribution(lengthShape, outputTokens, outputTokensSpread);
    }

    /** The same workload with length spreads and arrival burstiness. */
    public SpeedWorkload withShape(double inSpread, double outSpread, LengthDistribution.Shape shape, double burst) {
        return new SpeedWorkload(mode, inputTokens, outputTokens, concurrency, requestsPerSecond, sharedPrefixTokens,
                inSpread, outSpread, shape, burst);
    }

    public static SpeedWorkload singleStream(int in, int out) {
        return new SpeedWorkload(WorkloadMode.SINGLE_STREAM, in, out, 1, 0, 0);
    }

    public static SpeedWorkload fixedConcurrency(int in, int out, int concurrency) {
        return new SpeedWorkload(WorkloadMode.FIXED_CONCURRENCY, in, out, concurrency, 0, 0);
    }

    public static SpeedWorkload arrivalRate(int in, int out, double requestsPerSecond) {
        return new SpeedWorkload(WorkloadMode.ARRIVAL_RATE, in, out, 1, requestsPerSecond, 0);
    }

    public static SpeedWorkload maxThroughput(int in, int out) {
        return new SpeedWorkload(WorkloadMode.MAX_THROUGHPUT, in, out, 1, 0, 0);
    }

    /** From the shared {@code spec.Workload} record (the contract's workload block). */
    public static SpeedWorkload from(io.inferplan.engine.spec.Workload w) {
        return new SpeedWorkload(WorkloadMode.valueOf(w.mode().name()), w.inputTokens(), w.outputTokens(),
                w.concurrency() == null ? 1 : w.concurrency(),
                w.requestsPerSecond() == null ? 0 : w.requestsPerSecond(), w.sharedPrefixTokens());
    }

    /** To the shared {@code spec.Workload} record. */
    public io.inferplan.engine.spec.Workload toSpec() {
        return new io.inferplan.engine.spec.Workload(
                io.inferplan.engine.spec.Workload.Mode.valueOf(mode.name()), inputTokens, outputTokens,
                mode == WorkloadMode.FIXED_CONCURRENCY || mode == WorkloadMode.SINGLE_STREAM ? concurrency : null,
                mode == WorkloadMode.ARRIVAL_RATE ? requestsPerSecond : null, sharedPrefixTokens);
    }

    public SpeedWorkload withSharedPrefix(int tokens) {
        return new SpeedWorkload(mode, inputTokens, outputTokens, concurrency, requestsPerSecond, tokens,
                inputTokensSpread, outputTokensSpread, lengthShape, burstiness);
    }

    static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + message);
        }
    }
}
