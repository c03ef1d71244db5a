package io.inferplan.benchmarks;

import io.inferplan.engine.memory.MemoryEstimate;
import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.spec.Workload;
import io.inferplan.engine.speed.Efficiency;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import io.inferplan.engine.speed.FormatClass;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedModel;
import io.inferplan.engine.speed.WorkloadMode;
import io.inferplan.engine.speed.analytic.AnalyticAnswer;
import io.inferplan.engine.speed.analytic.AnalyticKernel;
import io.inferplan.plan.catalog.CatalogSnapshot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The analytic path, one thread (= one core), cycling over every runnable catalog model × accelerator for vLLM,
 * SGLang, TensorRT-LLM and llama.cpp (BF16, GGUF Q4_K_M for llama.cpp) at the fewest accelerators that fit, 2,048
 * prompt / 256 output tokens:
 * <ul>
 * <li>{@code fastPath*}: the compiled kernel ({@link AnalyticKernel}, compiled once per configuration in the setup)
 *     evaluating one workload into a reused {@link AnalyticAnswer} — the optimizer's and the fleet search's inner
 *     loop;</li>
 * <li>{@code speedModelAnalytic}: {@code SpeedModel.analytic(...)} on the same inputs (resolves the replica and
 *     builds the records every call) — the path the fast one replaces in those loops.</li>
 * </ul>
 * Run with {@code -prof gc} to see the fast path allocate nothing per evaluation.
 */
@State(Scope.Thread)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
public class AnalyticBenchmarks {

    private AnalyticKernel[] kernels;
    private double[] capacityRps;
    private SpeedInput[] inputs;
    private Efficiency[] efficiencies;
    private final AnalyticAnswer answer = new AnalyticAnswer();
    private int next;

    @Setup(Level.Trial)
    public void build() {
        CatalogSnapshot cat = CatalogSnapshot.fromSeeds();
        EfficiencyProfile profile = EfficiencyProfileCsv.shipped();
        List<AnalyticKernel> k = new ArrayList<>();
        List<SpeedInput> in = new ArrayList<>();
        List<Efficiency> eff = new ArrayList<>();
        for (var model : cat.models().values()) {
            for (var acc : cat.accelerators().values()) {
                for (String fwId : List.of("vllm", "sglang", "tensorrt-llm", "llama.cpp")) {
                    var fw = cat.frameworks().get(fwId).spec().orElseThrow();
                    var w = cat.weightFormats().get(fwId.equals("llama.cpp") ? "gguf-q4_k_m" : "bf16").spec().orElseThrow();
                    if (model.spec().isEmpty() || acc.spec().isEmpty()) {
                        continue;
                    }
                    MemoryInput mi = new MemoryInput(model.spec().get(), w, null, acc.spec().get(), fw,
                            Workload.fixedConcurrency(2048, 256, 16, 0), null, ServingSetup.defaults());
                    if (MemoryModel.incompatibility(mi).isPresent()) {
                        continue;
                    }
                    MemoryEstimate m = MemoryModel.evaluate(mi);
                    SpeedInput s = SpeedInput.from(mi, m);
                    if (!m.fits() || SpeedModel.unsupportedReason(s) != null) {
                        continue;
                    }
                    Efficiency e = profile.resolve(fwId, s.accelerator().architecture(), FormatClass.of(w));
                    k.add(AnalyticKernel.of(ReplicaSetup.of(s, e, false)));
                    in.add(s);
                    eff.add(e);
                }
            }
        }
        kernels = k.toArray(new AnalyticKernel[0]);
        inputs = in.toArray(new SpeedInput[0]);
        efficiencies = eff.toArray(new Efficiency[0]);
        capacityRps = new double[kernels.length];
        for (int i = 0; i < kernels.length; i++) {
            kernels[i].evaluate(WorkloadMode.MAX_THROUGHPUT, 2048, 256, 1, 0, 0, answer);
            capacityRps[i] = answer.saturatedOutputTokensPerSecond / 256;
        }
        System.out.println("\n" + kernels.length + " configurations compiled");
    }

    /** Fixed concurrency 16 (the closed form of a closed loop of clients). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public double fastPathFixedConcurrency() {
        int i = next++ % kernels.length;
        kernels[i].evaluate(WorkloadMode.FIXED_CONCURRENCY, 2048, 256, 16, 0, 0, answer);
        return answer.outputTokensPerSecond;
    }

    /** Poisson arrivals at half the configuration's capacity (fixed point of the batch, Erlang C, M/D/1). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public double fastPathArrivalRate() {
        int i = next++ % kernels.length;
        kernels[i].evaluate(WorkloadMode.ARRIVAL_RATE, 2048, 256, 1, 0.5 * capacityRps[i], 0, answer);
        return answer.ttft.p95;
    }

    /** Max throughput (the saturated steady state the fleet search starts from). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public double fastPathMaxThroughput() {
        int i = next++ % kernels.length;
        kernels[i].evaluate(WorkloadMode.MAX_THROUGHPUT, 2048, 256, 1, 0, 0, answer);
        return answer.outputTokensPerSecond;
    }

    /** The same fixed-concurrency evaluation through {@code SpeedModel.analytic} (replica resolved every call). */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object speedModelAnalytic() {
        int i = next++ % inputs.length;
        return SpeedModel.analytic(inputs[i], efficiencies[i], false);
    }
}
