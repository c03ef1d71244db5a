package io.inferplan.plan.capacity;

import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.plan.capacity.CapacityRequests.Slo;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanScreening;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.plan.quality.QualityEstimate;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The optimizer's screening on the fast path ({@link PlanScreening}) ranks with exactly the numbers the full
 * screening answer ({@link PlanService#screen}) gives: for every accelerator × framework × weight format × KV format
 * the optimizer searches (priced or not), the same refusals, the same unpriced configurations and equal candidates,
 * in each workload mode, with and without pricing options. A contender's simulation ({@code Search.simulate}) gives
 * what {@link PlanService#evaluate} answers for it (checked on every 20th screened configuration).
 */
@MicronautTest
class ScreeningEqualityTest {

    /** Quality does not come from screening (the optimizer looks it up beside it): the same on both sides. */
    static final QualityEstimate UNKNOWN = new QualityEstimate(null, null, null, "", List.of());

    @Inject
    PlanService plans;
    @Inject
    PlanScreening screening;
    @Inject
    PlanCatalog catalog;

    static Stream<PlanRequest> searches() {
        return Stream.of(
                plan("llama-3.1-405b", new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 64, null, 0), null),
                plan("llama-3.1-8b", new PlanRequest.WorkloadInput("arrival-rate", 1000, 200, null, 4.0, 0),
                        pricing(null, "spot", "deu")),
                plan("qwen3-30b-a3b", new PlanRequest.WorkloadInput("max-throughput", 512, 512, null, null, 0),
                        pricing(2.5, null, null)),
                plan("gemma-3-27b", new PlanRequest.WorkloadInput("single-stream", 4096, 128, null, null, 1024), null));
    }

    @ParameterizedTest
    @MethodSource("searches")
    void theFastScreeningGivesTheCandidatesTheFullAnswerGives(PlanRequest template) {
        CatalogSnapshot cat = catalog.current();
        assertTrue(cat.models().containsKey(template.model()), template.model() + " is in the catalog");
        Slo slo = new Slo(2000.0, 50.0, null);
        PlanScreening.Search search = screening.search(cat);
        List<String> differences = new ArrayList<>();
        int screened = 0;
        for (String acc : cat.accelerators().keySet()) {
            for (String fw : cat.frameworks().keySet()) {
                for (var wf : cat.weightFormats().values()) {
                    NumberFormatSpec w = wf.spec().orElse(null);
                    if (w == null || !w.frameworks().contains(fw)) {
                        continue;
                    }
                    for (String kv : new String[] {null, "fp8"}) {
                        PlanRequest r = new PlanRequest(template.model(), w.id(), kv, acc, null, fw, template.workload(),
                                null, null, null, template.pricing());
                        String full = full(() -> plans.screen(r), true, w, slo);
                        PlanScreening.Outcome outcome = search.screen(r);
                        String fast = fast(outcome, slo);
                        if (!full.equals(fast)) {
                            differences.add(acc + "/" + fw + "/" + w.id() + "/" + kv + ": full " + full + " vs fast " + fast);
                        }
                        if (outcome instanceof PlanScreening.Screened s && screened++ % 20 == 0) {
                            String evaluated = full(() -> plans.evaluate(r), false, w, slo);
                            String simulatedFast = fast(search.simulate(s), slo);
                            if (!evaluated.equals(simulatedFast)) {
                                differences.add(acc + "/" + fw + "/" + w.id() + "/" + kv + ": evaluate " + evaluated
                                        + " vs simulate " + simulatedFast);
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("%s: %d configurations priced and screened, %d differences%n", template.model(), screened,
                differences.size());
        assertEquals(List.of(), differences.subList(0, Math.min(5, differences.size())));
        assertTrue(screened > 100, "a whole-catalog search has candidates: " + screened);
    }

    /** The optimizer's view of a full answer, as it read it before the fast path. */
    private static String full(java.util.function.Supplier<PlanResponse> evaluation, boolean screening,
                               NumberFormatSpec w, Slo slo) {
        PlanResponse a;
        try {
            a = evaluation.get();
        } catch (ProblemException e) {
            return e.status().getCode() == 400 ? "400 " + e.getMessage() : "refused";
        }
        if (a.cost() == null || a.cost().usdPerMillionOutputTokens() == null) {
            return "unpriced";
        }
        PlanResponse.PerformanceBlock p = a.performance();
        double ttft = p.ttftP95Ms() != null ? p.ttftP95Ms() : p.ttftMs() != null ? p.ttftMs() : Double.POSITIVE_INFINITY;
        String method = screening ? "analytic (screening)" : p.simulation() == null ? "analytic" : p.simulation().method();
        return OptimizerSlo.candidate(new PlanScreening.Screened(a.plan().accelerator(), a.plan().acceleratorCount(),
                a.plan().framework(), a.plan().weightFormat(), a.plan().kvCacheFormat(), w.bitsPerValue(),
                a.cost().usdPerMillionOutputTokens(), a.cost().usdPerMillionBlendedTokens(), a.cost().usdPerHour(), ttft,
                p.tpotMs(), p.tpotP95Ms(), p.outputTokensPerSecond(), Boolean.TRUE.equals(p.exceedsCapacity()),
                a.cost().energy() == null ? null : a.cost().energy().kWhPerMillionOutputTokens(),
                a.cost().carbon() == null ? null : a.cost().carbon().gCo2ePerMillionOutputTokens(), method), slo, UNKNOWN)
                .toString();
    }

    private static String fast(PlanScreening.Outcome o, Slo slo) {
        if (o instanceof PlanScreening.Screened s) {
            return OptimizerSlo.candidate(s, slo, UNKNOWN).toString();
        }
        return o instanceof PlanScreening.Refused ? "refused" : "unpriced";
    }

    private static PlanRequest plan(String model, PlanRequest.WorkloadInput w, PlanRequest.PricingInput pricing) {
        return new PlanRequest(model, null, null, null, null, null, w, null, null, null, pricing);
    }

    private static PlanRequest.PricingInput pricing(Double usdPerGpuHour, String pricingType, String gridRegion) {
        return new PlanRequest.PricingInput(usdPerGpuHour, null, pricingType, null, null, null, gridRegion, null, null);
    }
}
