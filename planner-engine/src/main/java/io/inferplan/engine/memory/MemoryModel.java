package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.spec.Parallelism;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The memory model's entry point. Call {@link Compatibility#check(MemoryInput)} first: a combination that cannot
 * run has a reason, not an estimate.
 *
 * <p>KV budget per accelerator, by the framework's {@link KvSizingRule} ({@link KvBudget}; C = capacity,
 * f = memory fraction, W = weight shard, A = activation workspace, G = CUDA graphs, X = CUDA context):
 * <ul>
 * <li>FRACTION_OF_TOTAL: KV = C × f − W − X − A (vLLM, TGI, MLC subtract the profiled activations; SGLang keeps
 *     activations and graphs in its reserve, so KV = C × f − W − X);</li>
 * <li>FRACTION_OF_FREE_AFTER_WEIGHTS: KV = f × (C − X − W − A − G) (TensorRT-LLM, LMDeploy);</li>
 * <li>FRACTION_OF_FREE_AT_START: KV = f × (C − X) − W (MAX);</li>
 * <li>CONTEXT_TIMES_SLOTS: KV = bytes for context × slots, allocated up front (llama.cpp: one pool of -c tokens,
 *     shared by auto (unified) slots or split -c / N by an explicit -np N; an explicit contextPerSlotTokens gives
 *     -c = slots × contextPerSlotTokens; Ollama: num_ctx × num_parallel). An unset llama.cpp context (= training context) is lowered like --fit to the
 *     largest multiple of 256 that fits leaving --fit-target free, not below --fit-ctx; Ollama's VRAM-tiered
 *     default falls back tier by tier.</li>
 * </ul>
 * The deployment fits when W + KV + A + G + X ≤ C and at least one request of inputTokens + outputTokens fits.
 */
public final class MemoryModel {

    /** Largest accelerator count {@link #fewestAccelerators} tries. */
    public static final int MAX_ACCELERATORS_TRIED = 64;
    /** Largest tensor-parallel degree tried (one NVLink/xGMI domain); beyond it pipeline stages are added. */
    public static final int MAX_TENSOR_PARALLEL = 8;

    /**
     * Apple silicon: Metal lets the GPU wire only part of the unified memory by default
     * ({@code recommendedMaxWorkingSetSize}); the plan uses the whole capacity and says so.
     */
    static final String APPLE_WIRED_LIMIT = "unified memory: macOS lets the GPU wire only part of it by default "
            + "(Metal recommendedMaxWorkingSetSize, e.g. 21,845 MB on a 32 GB M1 Max: "
            + "https://github.com/ggml-org/llama.cpp/pull/2011); this plan counts the whole memory, so raise the limit "
            + "with sysctl iogpu.wired_limit_mb or leave that headroom";

    private MemoryModel() {
    }

    /** The reason a combination cannot run, if any (delegates to {@link Compatibility}). */
    public static Optional<String> incompatibility(MemoryInput input) {
        Optional<String> r = Compatibility.check(input);
        if (r.isPresent()) {
            return r;
        }
        if (!ServingResolver.supports(input.framework().id())) {
            return Optional.of("no memory defaults recorded for framework " + input.framework().id()
                    + " (a distributed serving layer: plan its backend engine instead)");
        }
        return Optional.empty();
    }

    /**
     * Memory of one plan. With {@code input.parallelism() == null} the fewest accelerators that fit are used
     * ({@link #fewestAccelerators}); when none fit up to the largest tried, the estimate for that largest
     * count is returned with {@code fits == false} and a warning.
     *
     * @throws IllegalArgumentException when the combination is incompatible (a precondition: check first)
     */
    public static MemoryEstimate evaluate(MemoryInput input) {
        Optional<String> reason = incompatibility(input);
        if (reason.isPresent()) {
            throw new IllegalArgumentException("incompatible combination: " + reason.get());
        }
        if (input.parallelism() != null) {
            return evaluateAt(input, input.parallelism(), List.of());
        }
        List<Parallelism> candidates = candidates(input);
        Sharding.Sums weights = WeightModel.shardingSums(input.model(), input.weightFormat());
        for (Parallelism p : candidates) {
            if (weightsAloneOverflow(input, weights, p)) {
                continue;
            }
            MemoryEstimate e = evaluateAt(input, p, List.of());
            if (e.fits()) {
                String how = p.acceleratorCount() == 1 ? "1 accelerator fits"
                        : "fewest accelerators that fit: " + p.acceleratorCount() + " (TP " + p.tensorParallel()
                        + " x PP " + p.pipelineParallel() + "; tried " + countsTried(candidates, p) + ")";
                return withLeadingWarning(e, how);
            }
        }
        Parallelism largest = candidates.get(candidates.size() - 1);
        return evaluateAt(input, largest, List.of("does not fit on up to " + largest.acceleratorCount()
                + " accelerators (" + countsTried(candidates, largest) + " tried)"));
    }

    /**
     * The fewest accelerators that fit: counts 1, 2, 4, 8 as tensor parallel (frameworks without tensor parallel but
     * with pipeline/layer split use PP = count; frameworks with neither only 1), then 16, 32, 64 as TP 8 × PP; a count
     * is skipped when TP does not divide the attention heads or (GQA) neither of TP and kvHeads divides the other.
     * Empty when nothing up to {@value #MAX_ACCELERATORS_TRIED} fits.
     */
    public static Optional<Parallelism> fewestAccelerators(MemoryInput input) {
        if (incompatibility(input).isPresent()) {
            return Optional.empty();
        }
        Sharding.Sums weights = WeightModel.shardingSums(input.model(), input.weightFormat());
        for (Parallelism p : candidates(input)) {
            if (!weightsAloneOverflow(input, weights, p) && evaluateAt(input, p, List.of()).fits()) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * True when the weight shard alone exceeds the accelerator's memory on {@code p}: such a split cannot fit
     * (KV, activations, graphs and context only add to it), so the fewest-accelerators search skips it unevaluated.
     */
    private static boolean weightsAloneOverflow(MemoryInput in, Sharding.Sums weights, Parallelism p) {
        return Sharding.weightsBytesPerAccelerator(weights, in.model(), p) > AcceleratorMemory.capacityBytes(in.accelerator());
    }

    /** {@code evaluateAt(in, p, List.of(first))} from its answer without it: the same estimate, {@code first} leading. */
    private static MemoryEstimate withLeadingWarning(MemoryEstimate e, String first) {
        List<String> warnings = new ArrayList<>(e.warnings().size() + 1);
        warnings.add(first);
        warnings.addAll(e.warnings());
        return new MemoryEstimate(e.weightsGiB(), e.kvCacheBytesPerToken(), e.kvCacheGiBPerRequest(),
                e.totalGiBPerAccelerator(), e.capacityGiBPerAccelerator(), e.fits(), e.maxConcurrentRequests(),
                e.maxConcurrentRequestsPerReplica(), e.parallelism(), e.breakdownPerAccelerator(), e.weights(),
                e.serving(), e.kvBytesAvailablePerReplica(), e.kvTokensPerReplica(), e.concurrency(), e.kvGrowth(),
                warnings);
    }

    static List<Parallelism> candidates(MemoryInput input) {
        ModelSpec m = input.model();
        boolean tp = input.framework().tensorParallel();
        boolean pp = input.framework().pipelineParallel();
        List<Parallelism> out = new ArrayList<>();
        for (int count = 1; count <= MAX_ACCELERATORS_TRIED; count *= 2) {
            Parallelism p;
            if (tp) {
                int t = Math.min(count, MAX_TENSOR_PARALLEL);
                int stages = count / t;
                if (stages > 1 && !pp) {
                    break;
                }
                p = new Parallelism(t, stages, 1);
            } else if (pp) {
                p = new Parallelism(1, count, 1);
            } else {
                out.add(Parallelism.single());
                break;
            }
            if (validTensorParallel(m, p.tensorParallel()) && p.pipelineParallel() <= m.layers()) {
                out.add(p);
            }
        }
        if (out.isEmpty()) {
            out.add(Parallelism.single());
        }
        return out;
    }

    /** TP must divide the attention heads; for GQA/MQA TP and kvHeads must divide one another (vLLM's rule). */
    public static boolean validTensorParallel(ModelSpec m, int tp) {
        if (m.attentionHeads() % tp != 0) {
            return false;
        }
        if (m.attention() == AttentionKind.MLA) {
            return true;
        }
        return m.kvHeads() % tp == 0 || tp % m.kvHeads() == 0;
    }

    private static String countsTried(List<Parallelism> candidates, Parallelism upTo) {
        StringBuilder sb = new StringBuilder();
        for (Parallelism c : candidates) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(c.acceleratorCount());
            if (c.equals(upTo)) {
                break;
            }
        }
        return sb.toString();
    }

    /** Memory of the plan on exactly {@code p}. */
    public static MemoryEstimate evaluateAt(MemoryInput in, Parallelism p, List<String> leadingWarnings) {
        Set<String> warnings = new LinkedHashSet<>(leadingWarnings);
        List<String> resolverWarnings = new ArrayList<>();
        ModelSpec m = in.model();
        AcceleratorSpec acc = in.accelerator();
        NumberFormatSpec kv = in.kvCacheFormat() == null ? KvCacheModel.MODEL_DTYPE : in.kvCacheFormat();
        int tp = p.tensorParallel();
        if (!validTensorParallel(m, tp)) {
            warnings.add("tensorParallel " + tp + " does not divide the model's " + m.attentionHeads()
                    + " attention heads / " + m.kvHeads() + " KV heads; frameworks refuse this split");
        }

        WeightBreakdown weights = WeightModel.weights(m, in.weightFormat());
        warnings.addAll(Compatibility.notes(in));
        warnings.addAll(weights.notes());
        if (m.recurrentState() != null) {
            warnings.add(String.format(Locale.ROOT, "%d of %d layers keep a constant recurrent state instead of a KV "
                    + "cache: %.1f MiB per request whatever its length", m.recurrentState().layers(), m.layers(),
                    KvCacheModel.recurrentBytesPerSequence(m) / Units.BYTES_PER_MIB));
        }
        double weightsAcc = Sharding.weightsBytesPerAccelerator(WeightModel.shardingSums(m, in.weightFormat()), m, p);

        ResolvedServing s = ServingResolver.resolve(in.framework().id(), acc, m, p, in.serving(), resolverWarnings);
        warnings.addAll(resolverWarnings);
        List<NamedParameter> used = new ArrayList<>(s.parameters());
        double capacity = AcceleratorMemory.capacityBytes(acc);
        double context = RuntimeOverhead.cudaContextBytes(used);
        double activations = RuntimeOverhead.activationBytes(m, s.maxBatchedTokens(), s.maxConcurrentSequences(), tp, used);
        double graphs = RuntimeOverhead.cudaGraphBytes(s, acc, tp, used);
        double share = KvCacheModel.shareOnMostLoadedAccelerator(m, p);
        int requestTokens = in.workload().tokensPerRequest();

        boolean activationsInside = FrameworkDefaults.bundled()
                .find(s.framework(), "activations_inside_fraction", s.frameworkVersion(), acc, tp)
                .map(FrameworkDefaults.Row::asBoolean).orElse(true);
        double kvAcc;
        Integer contextPerSlot = s.contextPerSlotTokens();
        boolean unifiedSlots = false;
        long kvContextTokens = 0;
        switch (s.kvSizingRule()) {
            case FRACTION_OF_TOTAL -> {
                kvAcc = KvBudget.fractionOfTotal(capacity, s.memoryFraction(), weightsAcc, context, activations,
                        activationsInside);
                if (s.framework().equals("mlc-llm")) {
                    // mode local: max_total_sequence_length = the model's context window
                    kvAcc = Math.min(kvAcc, KvCacheModel.bytesPerRequest(m, kv, m.maxContextTokens()) * share);
                }
            }
            case FRACTION_OF_FREE_AFTER_WEIGHTS -> kvAcc = KvBudget.fractionOfFreeAfterWeights(capacity,
                    s.memoryFraction(), weightsAcc, context, activations, graphs);
            case FRACTION_OF_FREE_AT_START ->
                    kvAcc = KvBudget.fractionOfFreeAtStart(capacity, s.memoryFraction(), weightsAcc, context);
            case CONTEXT_TIMES_SLOTS -> {
                double fixed = weightsAcc + context + activations + graphs;
                boolean llamaCpp = s.framework().equals("llama.cpp");
                boolean userContext = in.serving().contextPerSlotTokens() != null;
                int slots = s.parallelSlots();
                unifiedSlots = llamaCpp && in.serving().parallelSlots() == null && !userContext;
                // a hybrid model's recurrent state is allocated once per slot (sequence), on top of the KV context
                double slotStates = KvCacheModel.recurrentBytesPerSequence(m) * share * slots;
                if (userContext) {
                    kvAcc = KvCacheModel.bytesForTokens(m, kv, contextPerSlot) * share * slots + slotStates;
                } else if (llamaCpp) {
                    // -c is the total KV context; auto slots share it (unified), explicit -np N split it N ways
                    int total = fittedDefaultContext(s, m, kv, share, acc, capacity - fixed - slotStates, 1, warnings);
                    contextPerSlot = unifiedSlots ? total : total / slots;
                    kvAcc = KvCacheModel.bytesForTokens(m, kv, total) * share + slotStates;
                } else {
                    contextPerSlot = fittedDefaultContext(s, m, kv, share, acc, capacity - fixed - slotStates, slots,
                            warnings);
                    kvAcc = KvCacheModel.bytesForTokens(m, kv, contextPerSlot) * share * slots + slotStates;
                }
                kvContextTokens = unifiedSlots ? contextPerSlot : (long) contextPerSlot * slots;
            }
            default -> throw new IllegalStateException(s.kvSizingRule().toString());
        }
        kvAcc = Math.max(0, kvAcc);
        double used0 = weightsAcc + kvAcc + activations + graphs + context;
        boolean memoryFits = used0 <= capacity && kvAcc > 0;
        if (used0 > capacity) {
            warnings.add(FormattedNotes.format("needs %.2f GiB per accelerator but %s has %.2f GiB",
                    Units.gib(used0), acc.id(), Units.gib(capacity)));
        }
        if (kvAcc <= 0) {
            warnings.add("no memory left for the KV cache after weights and overheads");
        }

        double perTokenAcc = KvCacheModel.bytesPerToken(m, kv) * share;
        long kvTokens = (long) Math.floor(kvAcc / perTokenAcc);
        int block = s.kvBlockTokens();
        int prefix = s.prefixCaching() ? in.workload().sharedPrefixTokens() : 0;
        KvConcurrency conc = KvAllocation.concurrency(m, kv, kvAcc, share, requestTokens,
                Math.max(m.maxContextTokens(), requestTokens), prefix, block);
        long perReplica;
        int sequences = s.maxConcurrentSequences();
        if (s.kvSizingRule() == KvSizingRule.CONTEXT_TIMES_SLOTS) {
            if (requestTokens > contextPerSlot) {
                perReplica = 0;
                warnings.add("a request of " + requestTokens + " tokens exceeds the context of " + contextPerSlot
                        + " tokens per slot");
            } else {
                perReplica = unifiedSlots ? Math.min(s.parallelSlots(), kvContextTokens / requestTokens)
                        : s.parallelSlots();
            }
        } else {
            long kvFit = !in.framework().pagedKv() ? conc.naiveRequests()
                    : (prefix > 0 ? conc.sharedPrefixRequests() : conc.pagedRequests());
            if (s.framework().equals("sglang") && in.serving().maxConcurrentSequences() == null) {
                long auto = ServingResolver.sglangMaxRunningRequests(kvTokens, m.maxContextTokens());
                sequences = (int) Math.min(Integer.MAX_VALUE, auto);
                used.add(new NamedParameter("max_running_requests", Long.toString(auto), "requests",
                        "https://github.com/sgl-project/sglang/blob/226149ac457bd1a1b5d450f55c01f72f604320d6/python/sglang/srt/model_executor/model_runner_kv_cache_mixin.py",
                        "auto from the KV pool of " + kvTokens + " tokens"));
            }
            perReplica = Math.min(kvFit, sequences);
        }
        if (!memoryFits) {
            perReplica = 0;
        }
        ResolvedServing resolved = new ResolvedServing(s.framework(), s.frameworkVersion(), s.kvSizingRule(),
                s.memoryFraction(), sequences, s.maxBatchedTokens(), s.cudaGraphs(), s.prefixCaching(),
                s.parallelSlots(), contextPerSlot, s.requestCount(), block, dedupe(used));
        for (NamedParameter np : resolved.parameters()) {
            if (FrameworkDefaults.ENGINE_ASSUMPTION.equals(np.sourceUrl())) {
                warnings.add("assumed (no published source): " + np.name() + " = " + np.value() + " " + np.unit());
            }
        }
        Integer wanted = in.workload().concurrency();
        if (wanted != null && perReplica * p.replicas() < wanted && perReplica > 0) {
            warnings.add("concurrency " + wanted + " exceeds the " + perReplica * p.replicas()
                    + " requests that fit at once; the rest queue");
        }
        if (memoryFits && s.kvSizingRule() != KvSizingRule.CONTEXT_TIMES_SLOTS && kvTokens < m.maxContextTokens()) {
            warnings.add("the KV cache holds " + kvTokens + " tokens, fewer than the model's " + m.maxContextTokens()
                    + "-token context: vLLM/SGLang refuse to start with the default max_model_len/context_length; "
                    + "set it to at most " + kvTokens);
        }
        boolean fits = memoryFits && perReplica >= 1;
        double reservedUnused = fits ? Math.max(0, capacity - used0) : 0;
        MemoryBreakdown breakdown = new MemoryBreakdown(weightsAcc, kvAcc, activations, graphs, context, reservedUnused);
        List<KvGrowthPoint> growth = KvAllocation.growthCurve(m, kv, kvAcc, share, m.maxContextTokens(),
                in.workload().sharedPrefixTokens(), block);
        if (acc.architecture() == io.inferplan.engine.spec.Architecture.APPLE_M) {
            warnings.add(APPLE_WIRED_LIMIT);
        }
        warnings.add(FormattedNotes.format("capacity: the marketed %.0f GB of device memory read as JEDEC GB "
                + "(= GiB), %.2f GiB per accelerator", AcceleratorMemory.marketedGB(acc), Units.gib(capacity)));
        return new MemoryEstimate(
                weights.totalGiB(),
                Math.round(KvCacheModel.bytesPerToken(m, kv)),
                Units.gib(KvCacheModel.bytesPerRequest(m, kv, requestTokens)),
                Units.gib(breakdown.usedBytes()),
                Units.gib(capacity),
                fits,
                perReplica * p.replicas(),
                perReplica,
                p,
                breakdown,
                weights,
                resolved,
                kvAcc / share,
                kvTokens,
                conc,
                growth,
                new ArrayList<>(warnings));
    }

    /**
     * The context a llama.cpp/Ollama default resolves to on this memory: llama.cpp lowers an unset context (training
     * context) to the largest multiple of 256 that fits while leaving --fit-target free, not below --fit-ctx; Ollama
     * ≥ 0.15.5 retries the next lower VRAM tier (262144 → 32768 → 4096) when the automatic value does not fit.
     */
    static int fittedDefaultContext(ResolvedServing s, ModelSpec m, NumberFormatSpec kv, double share,
                                    AcceleratorSpec acc, double freeForKv, int copies, Set<String> warnings) {
        int ctx = s.contextPerSlotTokens();
        FrameworkDefaults d = FrameworkDefaults.bundled();
        if (s.framework().equals("llama.cpp")) {
            double target = Units.bytesFromMiB(d.require("llama.cpp", "fit_target_mib", null, acc, 1).asDouble());
            int minCtx = d.require("llama.cpp", "fit_ctx", null, acc, 1).asInt();
            double budget = freeForKv - target;
            if (KvCacheModel.bytesForTokens(m, kv, ctx) * share * copies <= budget) {
                return ctx;
            }
            int fitted = ctx;
            while (fitted > minCtx && KvCacheModel.bytesForTokens(m, kv, fitted) * share * copies > budget) {
                fitted -= 256;
            }
            fitted = Math.max(fitted, Math.min(minCtx, ctx));
            warnings.add("llama.cpp --fit lowers the default context from " + ctx + " to " + fitted + " tokens");
            return fitted;
        }
        if (s.framework().equals("ollama") && FrameworkDefaults.isNumericVersion(s.frameworkVersion())
                && FrameworkDefaults.compareVersions(s.frameworkVersion(), "0.15.5") >= 0) {
            for (int tier : new int[]{262144, 32768, 4096}) {
                int c = Math.min(tier, m.maxContextTokens());
                if (c <= ctx && (KvCacheModel.bytesForTokens(m, kv, c) * share * copies <= freeForKv || tier == 4096)) {
                    if (c != ctx) {
                        warnings.add("Ollama's automatic num_ctx falls back from " + ctx + " to " + c
                                + " tokens (reduceAutoNumCtxForLoadOOM)");
                    }
                    return c;
                }
            }
        }
        return ctx;
    }

    private static List<NamedParameter> dedupe(List<NamedParameter> params) {
        List<NamedParameter> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = params.size() - 1; i >= 0; i--) {
            if (seen.add(params.get(i).name())) {
                out.add(0, params.get(i));
            }
        }
        return out;
    }
}
