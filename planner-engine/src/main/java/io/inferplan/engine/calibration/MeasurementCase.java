package io.inferplan.engine.calibration;

import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.MemoryFacts;
import io.inferplan.engine.speed.FormatClass;
import io.inferplan.engine.speed.RawPrediction;
import io.inferplan.engine.speed.ServingFacts;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.WorkloadMode;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A measurement row turned into an engine input and the metric it measured, with the run's setup facts read
 * from the row (request count, static batching, memory fraction, real link) — engine.md "Lessons".
 */
public record MeasurementCase(Measurement row, SpeedInput input, Metric metric, String frameworkKey,
                              String hardwareKey, String formatKey, double reportedTpotFactor) {

    /** The measured quantity and how to read it from a prediction. */
    public enum Metric {
        OUTPUT_TOKENS_PER_SECOND_TOTAL, OUTPUT_TOKENS_PER_SECOND_PER_GPU, OUTPUT_TOKENS_PER_SECOND_PER_REQUEST,
        PREFILL_TOKENS_PER_SECOND, TTFT_MS, TPOT_MS, REQUESTS_PER_SECOND;

        public static Optional<Metric> parse(String s) {
            try {
                return Optional.of(valueOf(s.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        public EfficiencyProfile.MetricGroup group() {
            return this == TTFT_MS ? EfficiencyProfile.MetricGroup.TTFT
                    : this == TPOT_MS ? EfficiencyProfile.MetricGroup.TPOT : EfficiencyProfile.MetricGroup.THROUGHPUT;
        }
    }

    /**
     * The predicted value of this case's metric, in the row's unit; NaN when the prediction has none. Latency rows
     * are read at the statistic the source reports (mean, median, p90, p95, p99); where the path that answered has
     * no such percentile (one request alone: every request is alike) its mean stands in.
     */
    public double predicted(RawPrediction p) {
        switch (metric) {
            case OUTPUT_TOKENS_PER_SECOND_TOTAL:
                return p.outputTokensPerSecond();
            case OUTPUT_TOKENS_PER_SECOND_PER_GPU:
                return p.outputTokensPerSecond() / input.acceleratorCount();
            case OUTPUT_TOKENS_PER_SECOND_PER_REQUEST:
                return p.outputTokensPerSecondPerRequest();
            case PREFILL_TOKENS_PER_SECOND:
                return p.prefillTokensPerSecond();
            case TTFT_MS:
                return at(p.ttft()) * 1000;
            case TPOT_MS:
                return at(p.tpot()) * 1000 * reportedTpotFactor;
            case REQUESTS_PER_SECOND:
                return p.requestsPerSecond();
            default:
                return Double.NaN;
        }
    }

    private double at(io.inferplan.engine.speed.Percentiles latency) {
        double v = latency.statistic(row.statistic() == null ? "" : row.statistic().trim());
        return Double.isNaN(v) ? latency.mean() : v;
    }

    /** True when the product answers this row with the simulator (load, or an offline run of N requests). */
    public boolean simulated() {
        WorkloadMode m = input.workload().mode();
        return m == WorkloadMode.FIXED_CONCURRENCY || m == WorkloadMode.ARRIVAL_RATE
                || (m == WorkloadMode.MAX_THROUGHPUT && (input.serving().requestCount().isPresent()
                || (input.memory() != null && input.memory().requestCount() != null)));
    }

    public double measured() {
        return row.value();
    }

    public String source() {
        return row.sourceUrl();
    }

    /** The harness family; cross-validation holds out all of a publisher's rows together. */
    public String publisher() {
        return row.publisherOrSource();
    }

    /**
     * Builds the case, or explains why the row cannot be modelled (missing catalog id, unstated lengths,
     * a batch-prefill metric the contract does not define).
     */
    public static Result of(Measurement r, CatalogLookup c) {
        return of(r, c, DatasetLengths.shipped());
    }

    /** As {@link #of(Measurement, CatalogLookup)}, with the given table of benchmark-dataset lengths. */
    static Result of(Measurement r, CatalogLookup c, DatasetLengths datasets) {
        Optional<Metric> metric = Metric.parse(r.metric());
        if (metric.isEmpty()) {
            return Result.skip("unknown metric " + r.metric());
        }
        if (blank(r.framework()) || blank(r.model()) || blank(r.accelerator()) || blank(r.weightFormat())) {
            return Result.skip("framework, model, accelerator or weight format not tied to a catalog id");
        }
        var model = c.models().apply(r.model());
        var acc = c.accelerators().apply(r.accelerator());
        var wf = c.weightFormats().apply(r.weightFormat());
        var fw = c.frameworks().apply(r.framework());
        if (model.isEmpty() || acc.isEmpty() || wf.isEmpty() || fw.isEmpty()) {
            return Result.skip("catalog id not found");
        }
        // KV dtype "auto" = the checkpoint's: TensorRT-LLM's ModelOpt FP8/FP4 checkpoints carry FP8 KV scales
        String kvId = blank(r.kvCacheFormat()) ? defaultKv(r.framework(), r.weightFormat()) : r.kvCacheFormat();
        Optional<NumberFormatSpec> kv = c.kvFormats().apply(kvId);
        if (kv.isEmpty()) {
            return Result.skip("kv format " + kvId + " not found");
        }
        String notes = (r.notes() == null ? "" : r.notes()) + " " + (r.rawConcurrency() == null ? ""
                : r.rawConcurrency());
        // a cell naming a benchmark dataset (MLPerf sets, ShareGPT) gets its sourced mean lengths and spreads
        Optional<DatasetLengths.RowLengths> dataset = datasets.lengths(r.inputTokens(), r.outputTokens(), notes);
        int[] lengths = dataset.isPresent() ? dataset.get().tokens() : lengths(r);
        if (lengths == null) {
            return Result.skip("input/output lengths unstated");
        }
        WorkloadMode mode = WorkloadMode.parse(r.mode());
        if (metric.get() == Metric.PREFILL_TOKENS_PER_SECOND && mode != WorkloadMode.SINGLE_STREAM) {
            return Result.skip("batched prefill throughput of several sequences is not a contract metric");
        }
        int count = intOr(r.acceleratorCount(), 1);
        int tp = intOr(r.tensorParallel(), count);
        int pp = 1;
        FrameworkSpec f = fw.get();
        if (blank(r.tensorParallel()) && !f.pagedKv() && count > 1) {
            tp = 1;
            pp = count; // llama.cpp's default layer split
        }
        if (count % (tp * pp) != 0) {
            return Result.skip("accelerator count not a multiple of the parallel degree");
        }
        int concurrency = Math.max(1, intOr(r.concurrency(), 1));
        double rps = doubleOr(r.requestsPerSecond(), 0);
        if (mode == WorkloadMode.ARRIVAL_RATE && rps <= 0) {
            return Result.skip("arrival-rate row without a rate");
        }
        SpeedWorkload w = new SpeedWorkload(mode, lengths[0], lengths[1], concurrency,
                mode == WorkloadMode.ARRIVAL_RATE ? rps : 0, 0);
        if (dataset.isPresent()) {
            w = dataset.get().applyTo(w);
        }
        ServingFacts s = ServingFacts.DEFAULTS.withFrameworkVersion(blank(r.frameworkVersion()) ? null
                : r.frameworkVersion());
        s = RunFlags.apply(s, notes, r.requestCount());
        if (dataset.isPresent()) {
            s = s.withVariableLengths(true);
        }
        if (!f.pagedKv() && mode == WorkloadMode.FIXED_CONCURRENCY) {
            s = s.withParallelSlots(concurrency); // batched-bench / -np set to the tested parallelism
        }
        if (!f.pagedKv() && mode == WorkloadMode.SINGLE_STREAM) {
            s = s.withParallelSlots(1);
        }
        SpeedInput in = new SpeedInput(model.get(), wf.get(), kv.get(), acc.get(), count, f, w, tp, pp,
                count / (tp * pp), s, OptionalDouble.empty(), null);
        String refusal = refusal(in);
        if (refusal != null) {
            return Result.skip("refused: " + refusal);
        }
        MemoryFacts memory = memoryFacts(in);
        if (memory == null) {
            return Result.skip("the memory model cannot evaluate this combination");
        }
        in = in.withMemory(memory);
        // vLLM multi-step scheduling streams n tokens per burst: a median inter-token latency is n steps apart.
        double tpotFactor = 1;
        Matcher steps = Pattern.compile("--num-scheduler-steps\\s+(\\d+)").matcher(r.frameworkVersion() + " " + notes);
        if (metric.get() == Metric.TPOT_MS && notes.toLowerCase(Locale.ROOT).contains("itl inflated by multi-step") && steps.find()) {
            tpotFactor = Integer.parseInt(steps.group(1));
        }
        return Result.ok(new MeasurementCase(r, in, metric.get(), f.id(),
                EfficiencyProfile.hardwareKey(acc.get().architecture()), FormatClass.of(wf.get()).key(), tpotFactor));
    }

    /** All rows that can be modelled (see {@link #of} for the reasons a row is left out). */
    public static java.util.List<MeasurementCase> fromAll(java.util.List<Measurement> rows, CatalogLookup c) {
        java.util.List<MeasurementCase> out = new java.util.ArrayList<>();
        for (Measurement m : rows) {
            Result r = of(m, c);
            if (r.value() != null) {
                out.add(r.value());
            }
        }
        return out;
    }

    /**
     * The memory model's answer for the row's setup (its version's defaults, memory fraction, slots, request
     * count); a version string the defaults table does not know falls back to the current defaults.
     */
    static MemoryFacts memoryFacts(SpeedInput in) {
        ServingFacts s = in.serving();
        ServingSetup setup = new ServingSetup(s.frameworkVersion(),
                s.memoryFraction().isPresent() ? s.memoryFraction().getAsDouble() : null,
                s.maxConcurrentSequences().isPresent() ? s.maxConcurrentSequences().getAsInt() : null,
                s.maxBatchedTokens().isPresent() ? s.maxBatchedTokens().getAsInt() : null, s.cudaGraphs(), s.prefixCaching(),
                s.parallelSlots().isPresent() ? s.parallelSlots().getAsInt() : null,
                s.contextPerSlotTokens().isPresent() ? s.contextPerSlotTokens().getAsInt() : null,
                s.requestCount().isPresent() ? s.requestCount().getAsInt() : null);
        MemoryInput mi = new MemoryInput(in.model(), in.weightFormat(), in.kvFormat(), in.accelerator(),
                in.framework(), in.workload().toSpec(),
                new Parallelism(in.tensorParallel(), in.pipelineParallel(), in.replicas()), setup);
        if (MemoryModel.incompatibility(mi).isPresent()) {
            return null;
        }
        try {
            return MemoryFacts.from(MemoryModel.evaluate(mi));
        } catch (IllegalArgumentException versionUnknown) {
            try {
                return MemoryFacts.from(MemoryModel.evaluate(mi.withServing(setup.withFrameworkVersion(null))));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** Why the product would refuse this combination (the memory model's compatibility rules), or null. */
    static String refusal(SpeedInput in) {
        MemoryInput mi = new MemoryInput(in.model(), in.weightFormat(), in.kvFormat(), in.accelerator(),
                in.framework(), in.workload().toSpec(),
                new Parallelism(in.tensorParallel(), in.pipelineParallel(), in.replicas()), ServingSetup.defaults());
        return MemoryModel.incompatibility(mi).orElse(null);
    }

    static String defaultKv(String framework, String weights) {
        if ("tensorrt-llm".equals(framework) && ("fp8".equals(weights) || "nvfp4".equals(weights))) {
            return "fp8";
        }
        return "bf16".equals(weights) ? "bf16" : "fp16";
    }

    /** Lengths stated as numbers in the row's cells, or null. */
    static int[] lengths(Measurement r) {
        String in = r.inputTokens();
        String out = r.outputTokens();
        Matcher prompts = Pattern.compile("after (\\d+)-token prompts").matcher(in);
        OptionalInt i = prompts.find() ? OptionalInt.of(Integer.parseInt(prompts.group(1))) : leadingInt(in);
        OptionalInt o = leadingInt(out);
        if (i.isEmpty() || o.isEmpty()) {
            return null;
        }
        return new int[] {Math.max(1, i.getAsInt()), Math.max(1, o.getAsInt())};
    }

    static OptionalInt leadingInt(String s) {
        Matcher m = Pattern.compile("^\\s*(\\d+)").matcher(s == null ? "" : s);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static int intOr(String s, int d) {
        OptionalInt v = leadingInt(s);
        return v.isPresent() ? v.getAsInt() : d;
    }

    static double doubleOr(String s, double d) {
        try {
            return blank(s) ? d : Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return d;
        }
    }

    /** A case or the reason a row was left out. */
    public record Result(MeasurementCase value, String skipReason) {
        static Result ok(MeasurementCase c) {
            return new Result(c, null);
        }

        static Result skip(String why) {
            return new Result(null, why);
        }
    }
}
