package io.inferplan.benchmarks;

import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.advisor.AdviseRequest;
import io.inferplan.plan.advisor.AdvisorService;
import io.inferplan.plan.capacity.CapacityRequests;
import io.inferplan.plan.capacity.OptimizerService;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanService;
import io.micronaut.context.ApplicationContext;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Planning speed, one thread (= one core): a single plan evaluation (memory + speed + cost) cycling through
 * catalog combinations, a whole-catalog optimizer search for the largest dense model, and one framework advice. Run with the
 * README's benchmark command; figures are in docs/benchmarks.md.
 */
@State(Scope.Benchmark)
@Fork(1)
@Threads(1)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 5)
public class PlanBenchmarks {

    private ApplicationContext context;
    private PlanService plans;
    private OptimizerService optimizer;
    private AdvisorService advisor;
    private List<PlanRequest> combinations;
    private int next;

    @Setup(Level.Trial)
    public void start() {
        context = ApplicationContext.run("benchmark");
        plans = context.getBean(PlanService.class);
        optimizer = context.getBean(OptimizerService.class);
        advisor = context.getBean(AdvisorService.class);
        var catalog = context.getBean(PlanCatalog.class).current();
        combinations = new ArrayList<>();
        PlanRequest.WorkloadInput workload = new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 16, null, 0);
        for (String model : catalog.models().keySet()) {
            for (String accelerator : catalog.accelerators().keySet()) {
                for (String framework : List.of("vllm", "sglang", "tensorrt-llm", "llama.cpp")) {
                    String weights = framework.equals("llama.cpp") ? "gguf-q4_k_m" : "bf16";
                    PlanRequest r = new PlanRequest(model, weights, null, accelerator, null, framework, workload, null, null, null);
                    try {
                        plans.evaluate(r);
                        combinations.add(r);
                    } catch (ProblemException refused) {
                        // combinations that cannot run are not what this benchmark times
                    }
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
    }

    /** Plans evaluated per second on one core: memory, speed and cost of one catalog combination. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public void evaluateOnePlan(Blackhole sink) {
        PlanRequest r = combinations.get(next++ % combinations.size());
        sink.consume(plans.evaluate(r));
    }

    /** Whole-catalog optimizer search for Llama-3.1-405B (every priced accelerator × format × framework). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 1, time = 5)
    @Measurement(iterations = 3, time = 10)
    public void optimizeLargestModel(Blackhole sink) {
        sink.consume(optimizer.optimize(new CapacityRequests.OptimizeRequest("llama-3.1-405b",
                new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 64, null, 0),
                new CapacityRequests.Slo(3000.0, 80.0), null, null, null, 20)));
    }

    /**
     * One framework advice: every framework × documented format × layout planned for Llama 3.1 70B on 4 × H100 (the
     * first scenario of issue 14), cycling the client count over 40–88 so no two consecutive requests are alike.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void adviseSeventyBOnFourH100(Blackhole sink) {
        int clients = 40 + 8 * (next++ % 7);
        sink.consume(advisor.advise(new AdviseRequest("llama-3.1-70b", "h100-sxm", 4,
                new PlanRequest.WorkloadInput("fixed-concurrency", 1000, 500, clients, null, null), 6, false, false, false)));
    }

    public static void main(String[] args) throws RunnerException {
        String filter = args.length > 0 ? args[0] : PlanBenchmarks.class.getSimpleName();
        new Runner(new OptionsBuilder().include(filter).build()).run();
    }
}
