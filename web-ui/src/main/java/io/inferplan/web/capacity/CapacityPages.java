package io.inferplan.web.capacity;

import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.capacity.AdvisorService;
import io.inferplan.plan.capacity.CapacityRequests;
import io.inferplan.plan.capacity.FleetService;
import io.inferplan.plan.capacity.OptimizerService;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.web.common.Nav;
import io.inferplan.web.common.Option;
import io.inferplan.web.common.Routes;
import io.inferplan.web.plan.Charts;
import io.inferplan.web.plan.PlanForm;
import io.inferplan.web.plan.PlanPages;
import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builds the optimizer, fleet-sizing and framework-advisor pages. The numbers are the services' answers for the
 * submitted form; this class only arranges them and links each configuration to its full plan page.
 */
@Singleton
public class CapacityPages {

    private final OptimizerService optimizer;
    private final FleetService fleet;
    private final AdvisorService advisor;
    private final PlanCatalog catalog;

    public CapacityPages(OptimizerService optimizer, FleetService fleet, AdvisorService advisor, PlanCatalog catalog) {
        this.optimizer = optimizer;
        this.fleet = fleet;
        this.advisor = advisor;
        this.catalog = catalog;
    }

    /** A page and the HTTP status to send it with (400/404/422 when the answer was refused). */
    public record Shown<P>(int status, P page) {
    }

    /**
     * One ranked configuration.
     *
     * @param planHref the full result page of this configuration (plan form permalink)
     */
    public record OptimizerRow(int rank, OptimizerService.Candidate candidate, boolean onParetoFront, String planHref) {
    }

    /** @param result null before the form is submitted or when it was refused */
    @Introspected
    public record OptimizerPage(Nav nav, String title, CapacityForm<OptimizerForm> form,
                                OptimizerService.OptimizeResponse result, List<OptimizerRow> ranked,
                                List<OptimizerRow> closest, String paretoChart) {
    }

    @Introspected
    public record FleetPage(Nav nav, String title, CapacityForm<FleetForm> form, FleetService.FleetResponse result,
                            String replicaPlanHref) {
    }

    public record AdvisorRow(AdvisorService.Advice advice, String frameworkName, String planHref) {
    }

    @Introspected
    public record AdvisorPage(Nav nav, String title, CapacityForm<AdvisorForm> form, AdvisorService.AdviseResponse result,
                              List<AdvisorRow> ranked) {
    }

    public OptimizerPage optimizerForm(OptimizerForm f) {
        return new OptimizerPage(Nav.at("optimize"), "Optimizer", form(f, OptimizerForm.INPUTS, List.of(), null),
                null, List.of(), List.of(), null);
    }

    public Shown<OptimizerPage> optimize(OptimizerForm f) {
        try {
            CapacityRequests.OptimizeRequest request = f.parse().requireRequest();
            OptimizerService.OptimizeResponse r = optimizer.optimize(request);
            PlanRequest.WorkloadInput w = request.workload();
            List<OptimizerRow> ranked = new ArrayList<>();
            for (int i = 0; i < r.ranked().size(); i++) {
                OptimizerService.Candidate c = r.ranked().get(i);
                ranked.add(new OptimizerRow(i + 1, c, r.paretoFront().contains(c), planHref(f.model(), c, w)));
            }
            List<OptimizerRow> closest = r.closest().stream().map(c -> new OptimizerRow(0, c, false, planHref(f.model(), c, w)))
                    .toList();
            return new Shown<>(200, new OptimizerPage(Nav.at("optimize"), "Optimizer: " + r.model(),
                    form(f, OptimizerForm.INPUTS, List.of(), null), r, ranked, closest,
                    Routes.withPairs(Routes.OPTIMIZE_CHART, f.params())));
        } catch (ProblemException p) {
            return new Shown<>(p.status().getCode(), new OptimizerPage(Nav.at("optimize"), "Optimizer: refused",
                    form(f, OptimizerForm.INPUTS, p.errors(), p.getMessage()), null, List.of(), List.of(), null));
        }
    }

    /** Configurations the Pareto chart plots: the optimizer's largest answer. */
    static final int CHART_CONFIGURATIONS = 200;

    /** The Pareto chart's points for the same form (the chart is its own request, like the plan charts). */
    public List<List<Charts.CostLatency>> paretoPoints(OptimizerForm f) {
        // the chart plots every configuration that meets the SLO (up to the service's 200), as the front does;
        // the table shows the form's limit of them
        CapacityRequests.OptimizeRequest q = f.parse().requireRequest();
        OptimizerService.OptimizeResponse r = optimizer.optimize(new CapacityRequests.OptimizeRequest(q.model(),
                q.workload(), q.slo(), q.minWeightBits(), q.accelerators(), q.frameworks(), CHART_CONFIGURATIONS));
        return List.of(costLatency(r.ranked()), costLatency(r.paretoFront()));
    }

    public FleetPage fleetForm(FleetForm f) {
        return new FleetPage(Nav.at("fleet"), "Fleet sizing", form(f, FleetForm.INPUTS, List.of(), null), null, null);
    }

    public Shown<FleetPage> size(FleetForm f) {
        try {
            CapacityRequests.FleetRequest request = f.parse().requireRequest();
            FleetService.FleetResponse r = fleet.size(request);
            var t = request.traffic();
            PlanForm replica = PlanForm.of(new PlanRequest(f.model(), f.weightFormat(), f.kvCacheFormat(), f.accelerator(),
                    r.acceleratorsPerReplica(), f.framework(), new PlanRequest.WorkloadInput("arrival-rate", t.inputTokens(),
                    t.outputTokens(), null, r.peakRequestsPerSecond() / r.replicas(), t.sharedPrefixTokens()), null, null, null));
            return new Shown<>(200, new FleetPage(Nav.at("fleet"), "Fleet sizing: " + f.model() + " on " + f.accelerator(),
                    form(f, FleetForm.INPUTS, List.of(), null), r, Routes.withQuery(Routes.PLAN, replica.params())));
        } catch (ProblemException p) {
            return new Shown<>(p.status().getCode(), new FleetPage(Nav.at("fleet"), "Fleet sizing: refused",
                    form(f, FleetForm.INPUTS, p.errors(), p.getMessage()), null, null));
        }
    }

    public AdvisorPage advisorForm(AdvisorForm f) {
        return new AdvisorPage(Nav.at("advise"), "Framework advisor", form(f, AdvisorForm.INPUTS, List.of(), null), null,
                List.of());
    }

    public Shown<AdvisorPage> advise(AdvisorForm f) {
        try {
            CapacityRequests.AdviseRequest request = f.parse().requireRequest();
            AdvisorService.AdviseResponse r = advisor.advise(request);
            CatalogSnapshot cat = catalog.current();
            List<AdvisorRow> rows = r.frameworks().stream().map(a -> new AdvisorRow(a,
                    cat.frameworks().containsKey(a.framework()) ? cat.frameworks().get(a.framework()).row().name() : a.framework(),
                    a.weightFormat() == null ? null : Routes.withQuery(Routes.PLAN, PlanForm.of(new PlanRequest(f.model(),
                            a.weightFormat(), null, f.accelerator(), request.acceleratorCount(), a.framework(),
                            request.workload(), null, null, null)).params()))).toList();
            return new Shown<>(200, new AdvisorPage(Nav.at("advise"), "Framework advisor: " + f.model() + " on " + f.accelerator(),
                    form(f, AdvisorForm.INPUTS, List.of(), null), r, rows));
        } catch (ProblemException p) {
            return new Shown<>(p.status().getCode(), new AdvisorPage(Nav.at("advise"), "Framework advisor: refused",
                    form(f, AdvisorForm.INPUTS, p.errors(), p.getMessage()), null, List.of()));
        }
    }

    /** The plan form of one optimizer configuration: its count, formats and framework, the optimizer's workload. */
    static String planHref(String model, OptimizerService.Candidate c, PlanRequest.WorkloadInput w) {
        // The optimizer asked for the framework's default KV format or FP8; the link asks for the same.
        String kv = "fp8".equals(c.kvCacheFormat()) ? "fp8" : null;
        return Routes.withQuery(Routes.PLAN, PlanForm.of(new PlanRequest(model, c.weightFormat(), kv, c.accelerator(),
                c.acceleratorCount(), c.framework(), w, null, null, null)).params());
    }

    private static List<Charts.CostLatency> costLatency(List<OptimizerService.Candidate> cs) {
        return cs.stream().map(c -> new Charts.CostLatency(c.usdPerMillionOutputTokens(), c.tpotMs())).toList();
    }

    <T> CapacityForm<T> form(T values, Set<String> inputs, List<FieldError> errors, String summary) {
        CatalogSnapshot cat = catalog.current();
        List<Option> models = cat.models().values().stream().map(e -> e.row())
                .map(m -> new Option(m.id(), m.id())).toList();
        List<Option> weights = cat.weightFormats().values().stream().map(e -> e.row())
                .map(w -> new Option(w.id(), w.id())).toList();
        List<Option> kv = new ArrayList<>();
        kv.add(new Option("", "Framework default (model dtype, 16-bit)"));
        cat.kvCacheFormats().values().stream().map(e -> new Option(e.row().id(), e.row().id())).forEach(kv::add);
        List<Option> accs = cat.accelerators().values().stream().map(e -> e.row())
                .map(a -> new Option(a.id(), a.vendor() + " " + a.name())).toList();
        List<Option> fws = cat.frameworks().values().stream().map(e -> e.row()).map(x -> new Option(x.id(), x.name())).toList();
        return new CapacityForm<>(values, new CapacityForm.Choices(models, weights, List.copyOf(kv), accs, fws, PlanPages.MODES),
                inputs, List.copyOf(errors), summary);
    }
}
