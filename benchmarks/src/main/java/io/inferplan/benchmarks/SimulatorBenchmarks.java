package io.inferplan.benchmarks;

import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.spec.Workload;
import io.inferplan.engine.speed.Efficiency;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import io.inferplan.engine.speed.FormatClass;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedModel;
import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.sim.Arrivals;
import io.inferplan.engine.speed.sim.LengthDistribution;
import io.inferplan.engine.speed.sim.ServingSimulator;
import io.inferplan.engine.speed.sim.SimulationSpec;
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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.concurrent.TimeUnit;

/**
 * The speed engine alone, one thread (= one core): one simulation of 2,000 requests of a chat workload (Llama-3.1-8B
 * BF16 on one H100 with vLLM, Poisson arrivals at 8 req/s, lognormal prompt 1,000 ± 700 and output 250 ± 200 tokens),
 * the same with a closed loop of 64 clients, and the analytic path's evaluations of one plan. Figures in
 * docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class SimulatorBenchmarks {

    private SimulationSpec open;
    private SimulationSpec closed;
    private SpeedInput analyticInput;
    private Efficiency efficiency;

    @Setup(Level.Trial)
    public void build() {
        CatalogSnapshot cat = CatalogSnapshot.fromSeeds();
        MemoryInput mi = new MemoryInput(cat.models().get("llama-3.1-8b").spec().orElseThrow(),
                cat.weightFormats().get("bf16").spec().orElseThrow(), null,
                cat.accelerators().get("h100-sxm").spec().orElseThrow(), cat.frameworks().get("vllm").spec().orElseThrow(),
                Workload.fixedConcurrency(1000, 250, 64, 0), Parallelism.tensorParallel(1), ServingSetup.defaults());
        SpeedInput in = SpeedInput.from(mi, MemoryModel.evaluate(mi));
        efficiency = EfficiencyProfileCsv.shipped().resolve("vllm", in.accelerator().architecture(),
                FormatClass.of(in.weightFormat()));
        ReplicaSetup rs = ReplicaSetup.of(in, efficiency, false);
        LengthDistribution prompts = new LengthDistribution(LengthDistribution.Shape.LOGNORMAL, 1000, 700);
        LengthDistribution outputs = new LengthDistribution(LengthDistribution.Shape.LOGNORMAL, 250, 200);
        open = new SimulationSpec(rs.physics(), rs.policy(), rs.kvCapacityTokens(), Arrivals.poisson(8), 2000, false,
                prompts, outputs, 0, efficiency.requestOverheadSeconds(), 1);
        closed = new SimulationSpec(rs.physics(), rs.policy(), rs.kvCapacityTokens(), Arrivals.closedLoop(64), 2000,
                false, prompts, outputs, 0, efficiency.requestOverheadSeconds(), 1);
        analyticInput = in.withWorkloadKeepingMemory(SpeedWorkload.from(Workload.fixedConcurrency(1000, 250, 64, 0)));
    }

    /** One simulation of 2,000 requests under Poisson arrivals, milliseconds. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object simulateTwoThousandChatRequestsOpenLoop() {
        return ServingSimulator.run(open);
    }

    /** One simulation of 2,000 requests from 64 closed-loop clients, milliseconds. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object simulateTwoThousandChatRequestsClosedLoop() {
        return ServingSimulator.run(closed);
    }

    /** Analytic-path evaluations per second (the optimizer's screening path) of one resolved plan. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Object analyticEvaluation() {
        return SpeedModel.analytic(analyticInput, efficiency, false);
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(SimulatorBenchmarks.class.getSimpleName()).build()).run();
    }
}
