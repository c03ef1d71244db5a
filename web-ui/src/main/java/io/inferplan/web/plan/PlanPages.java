package io.inferplan.web.plan;

import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.catalog.framework.FrameworkRow;
import io.inferplan.catalog.kvcacheformat.KvCacheFormatRow;
import io.inferplan.catalog.model.ModelRow;
import io.inferplan.catalog.weightformat.WeightFormatRow;
import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.memory.KvGrowthPoint;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.web.common.CsrfTokens;
import io.inferplan.web.common.Nav;
import io.inferplan.web.common.Option;
import io.inferplan.web.common.Routes;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Builds the plan pages' records: the form with its choices, and a plan's result with its framework comparison,
 * sources and bill of materials. Numbers come from {@link PlanService}; this class only arranges them.
 */
@Singleton
public class PlanPages {

    /** The workload modes of the contract, as the forms offer them. */
    public static final List<Option> MODES = List.of(
            new Option("fixed-concurrency", "Fixed concurrency (closed loop of clients)"),
            new Option("arrival-rate", "Arrival rate (Poisson requests per second)"),
            new Option("single-stream", "Single stream (one request at a time)"),
            new Option("max-throughput", "Max throughput (all requests queued at once)"));

    /** The length distributions of the contract ({@code workload.lengthDistribution}); blank = the API's uniform. */
    public static final List<Option> LENGTH_DISTRIBUTIONS = List.of(
            new Option("", "Default (uniform)"),
            new Option("uniform", "Uniform (mean ± √3 × spread)"),
            new Option("lognormal", "Lognormal (long tail, like chat datasets)"));

    private final PlanService plans;
    private final PlanCatalog catalog;
    private final RateSweep rates;
    private final AdvisorReasoning.Source advisor;
    private final Clock clock;
    private final ResultPageCache pageCache;
    private final ResultPageHtml html;

    public PlanPages(PlanService plans, PlanCatalog catalog, RateSweep rates, AdvisorReasoning.Source advisor,
                     ResultPageCache pageCache, ResultPageHtml html) {
        this.pageCache = pageCache;
        this.html = html;
        this.plans = plans;
        this.catalog = catalog;
        this.rates = rates;
        this.advisor = advisor;
        this.clock = Clock.systemUTC();
    }

    /** A plan the user asked for, or the form again with each refusal beside its field. */
    public sealed interface Outcome permits Shown, Refused {
    }

    /** The result page's HTML, the browser's CSRF token still to be put in ({@link TokenSlot#with}). */
    public record Shown(TokenSlot html) implements Outcome {
    }

    public record Refused(int status, HomePage page) implements Outcome {
    }

    /** The request and its answer, for charts and reports. */
    public record Evaluated(PlanForm form, PlanRequest request, PlanResponse response, List<KvGrowthPoint> kvGrowthPoints) {
    }

    public HomePage home(PlanForm form) {
        return new HomePage(Nav.at("plan"), "Plan an LLM deployment", formView(form, List.of(), null));
    }

    public Outcome plan(PlanForm form) {
        try {
            return new Shown(pageCache.html(form, () -> workOut(evaluate(form)), html::render));
        } catch (ProblemException p) {
            return new Refused(p.status().getCode(), new HomePage(Nav.at("plan"), "Plan refused: " + p.title(),
                    formView(form, p.errors(), p.getMessage())));
        }
    }

    /** Evaluates the form; a field that is not a number or a plan that cannot run is a {@link ProblemException}. */
    public Evaluated evaluate(PlanForm form) {
        PlanForm.Parsed parsed = form.parse();
        if (!parsed.ok()) {
            throw ProblemException.badRequest(parsed.errors());
        }
        PlanService.Evaluated answer = plans.evaluateWithMemory(parsed.request());
        return new Evaluated(form, parsed.request(), answer.response(), answer.memory().kvGrowth());
    }

    /** The engine's KV-growth curve of an accepted plan (from the same evaluation). */
    public List<KvGrowthPoint> kvGrowth(Evaluated e) {
        return e.kvGrowthPoints();
    }

    /**
     * The result page of an evaluated plan: the one already worked out for its form at this catalog version (the page
     * the user just saw, when a report follows it), else worked out now and kept.
     */
    public ResultPage result(Evaluated e) {
        return pageCache.get(e.form(), () -> workOut(e));
    }

    private ResultPage workOut(Evaluated e) {
        CatalogSnapshot cat = catalog.current();
        PlanResponse r = e.response();
        Map<String, String> q = e.form().params();
        ResultPage.Links links = new ResultPage.Links(Routes.withQuery(Routes.PLAN, q), Routes.withQuery(Routes.HOME, q),
                Routes.chart(Charts.Kind.MEMORY.file() + ".svg", q), Routes.chart(Charts.Kind.KV_GROWTH.file() + ".svg", q),
                Routes.chart(Charts.Kind.CONCURRENCY.file() + ".svg", q), Routes.chart(Charts.Kind.RATES.file() + ".svg", q),
                Routes.withQuery(Routes.REPORT_PDF, q), Routes.withQuery(Routes.REPORT_XLSX, q));
        AcceleratorRow acc = cat.accelerators().get(r.plan().accelerator()).row();
        LatencyTable latency = r.performance() == null ? null : LatencyTable.of(r.performance());
        return new ResultPage(Nav.at("plan"), "Plan: " + r.plan().model() + " on " + r.plan().acceleratorCount() + " × "
                + r.plan().accelerator(), e.form(), r, latency, links, frameworks(e, cat), sources(cat, r),
                BillOfMaterials.of(acc, r),
                ZonedDateTime.now(clock).withZoneSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                concurrencySweep(e), r.memory().maxConcurrentRequests(), rateSweep(e), saveForm(e.form()), null, null,
                null, null, advisor.reasoning(e.form().advice(), r.plan().framework()).orElse(null),
                TechniquePanel.of(r, q));
    }

    /** Latency percentiles of the same plan at arrival rates up to beyond its capacity ({@link RateSweep}). */
    public RateSweep.Sweep rateSweep(Evaluated e) {
        return rates.of(e.form(), e.response());
    }

    /** Concurrencies of the throughput and latency chart: powers of two up to 256. */
    public static final List<Integer> SWEPT_CONCURRENCY = List.of(1, 2, 4, 8, 16, 32, 64, 128, 256);

    /**
     * The plan at each concurrency of {@link #SWEPT_CONCURRENCY} (fixed-concurrency mode, everything else as
     * asked), plus the largest concurrency whose KV cache fits when that lies inside the range. A concurrency the
     * engine refuses is left out.
     */
    public List<ResultPage.ConcurrencyPoint> concurrencySweep(Evaluated e) {
        long fit = e.response().memory().maxConcurrentRequests();
        TreeSet<Integer> levels = new TreeSet<>(SWEPT_CONCURRENCY);
        if (fit >= 1 && fit <= SWEPT_CONCURRENCY.get(SWEPT_CONCURRENCY.size() - 1)) {
            levels.add((int) fit);
        }
        List<ResultPage.ConcurrencyPoint> out = new ArrayList<>();
        for (int c : levels) {
            PlanForm.Parsed parsed = e.form().withConcurrency(c).parse();
            if (!parsed.ok()) {
                continue;
            }
            try {
                PlanResponse.PerformanceBlock p = plans.evaluate(parsed.request()).performance();
                if (p != null) {
                    out.add(new ResultPage.ConcurrencyPoint(c, p.outputTokensPerSecond(), p.ttftMs(), p.tpotMs(), c <= fit));
                }
            } catch (ProblemException refused) {
                // this concurrency cannot be planned: no point
            }
        }
        return out;
    }

    /** The save form of a plan: its fields as hidden inputs (the token is the browser's, added by the controller). */
    static ResultPage.SaveForm saveForm(PlanForm form) {
        List<ResultPage.Hidden> hidden = new ArrayList<>();
        form.params().forEach((k, v) -> {
            if (!"notes".equals(k)) {
                hidden.add(new ResultPage.Hidden(k, v));
            }
        });
        return new ResultPage.SaveForm(Routes.SAVED, CsrfTokens.FIELD, "", List.copyOf(hidden), form.notes());
    }

    /** The same request under every framework of the catalog. */
    List<ResultPage.FrameworkComparison> frameworks(Evaluated e, CatalogSnapshot cat) {
        List<ResultPage.FrameworkComparison> out = new ArrayList<>();
        for (CatalogSnapshot.Entry<FrameworkRow, ?> entry : cat.frameworks().values()) {
            FrameworkRow f = entry.row();
            PlanForm other = e.form().withFramework(f.id());
            String href = Routes.withQuery(Routes.PLAN, other.params());
            boolean current = f.id().equals(e.response().plan().framework());
            try {
                PlanResponse r = current ? e.response() : evaluate(other).response();
                PlanResponse.PerformanceBlock p = r.performance();
                out.add(new ResultPage.FrameworkComparison(f.id(), f.name(), true, current, r.memory().fits(),
                        r.memory().maxConcurrentRequests(), r.memory().totalGiBPerAccelerator(),
                        p == null ? null : p.outputTokensPerSecond(), p == null ? null : p.ttftMs(),
                        p == null ? null : p.tpotMs(), null, href));
            } catch (ProblemException p) {
                out.add(new ResultPage.FrameworkComparison(f.id(), f.name(), false, current, null, null, null, null, null,
                        null, p.getMessage(), href));
            } catch (RuntimeException ex) {
                out.add(new ResultPage.FrameworkComparison(f.id(), f.name(), false, current, null, null, null, null, null,
                        null, "not evaluated: " + ex.getMessage(), href));
            }
        }
        return out;
    }

    /** The source URL and date of every catalog row whose numbers the plan used. */
    List<ResultPage.Source> sources(CatalogSnapshot cat, PlanResponse r) {
        List<ResultPage.Source> out = new ArrayList<>();
        ModelRow m = cat.models().get(r.plan().model()).row();
        out.add(new ResultPage.Source("Model", m.id(), m.hfRepo() == null ? m.id() : m.hfRepo(), m.sourceUrl(), date(m.asOf())));
        if (m.paramsSourceUrl() != null && !m.paramsSourceUrl().isBlank()) {
            out.add(new ResultPage.Source("Model parameters", m.id(), "parameter count", m.paramsSourceUrl(), date(m.asOf())));
        }
        WeightFormatRow w = cat.weightFormats().get(r.plan().weightFormat()).row();
        out.add(new ResultPage.Source("Weight format", w.id(), w.kind(), w.sourceUrl(), date(w.asOf())));
        CatalogSnapshot.Entry<KvCacheFormatRow, ?> kv = cat.kvCacheFormats().get(r.plan().kvCacheFormat());
        if (kv != null) {
            out.add(new ResultPage.Source("KV-cache format", kv.row().id(), kv.row().kind(), kv.row().sourceUrl(),
                    date(kv.row().asOf())));
        }
        AcceleratorRow a = cat.accelerators().get(r.plan().accelerator()).row();
        out.add(new ResultPage.Source("Accelerator", a.id(), a.vendor() + " " + a.name(), a.sourceUrl(), date(a.asOf())));
        FrameworkRow f = cat.frameworks().get(r.plan().framework()).row();
        out.add(new ResultPage.Source("Framework", f.id(), f.name(), f.sourceUrl(), date(f.asOf())));
        if (r.cost() != null) {
            PlanResponse.GpuPrice p = r.cost().gpuPrice();
            if (p != null) {
                out.add(new ResultPage.Source("GPU price", p.id(), p.provider() + (p.instance() == null ? "" : " " + p.instance()),
                        p.sourceUrl(), p.asOf()));
            }
            for (PlanResponse.ApiComparison api : r.cost().apiComparison()) {
                out.add(new ResultPage.Source("API price", api.provider(), api.model(), api.sourceUrl(), api.asOf()));
            }
        }
        return out;
    }

    FormView formView(PlanForm values, List<FieldError> errors, String summary) {
        CatalogSnapshot cat = catalog.current();
        List<Option> models = cat.models().values().stream().map(e -> e.row())
                .map(m -> new Option(m.id(), m.id() + (m.totalParametersBillions() == null ? ""
                        : " (" + trim(m.totalParametersBillions()) + "B)"))).toList();
        List<Option> weights = cat.weightFormats().values().stream().map(e -> e.row())
                .map(w -> new Option(w.id(), w.id() + (w.bitsPerWeight() == null ? "" : " (" + trim(w.bitsPerWeight()) + " bits)")))
                .toList();
        List<Option> kv = new ArrayList<>();
        kv.add(new Option("", "Framework default (model dtype, 16-bit)"));
        cat.kvCacheFormats().values().stream().map(e -> e.row())
                .map(k -> new Option(k.id(), k.id() + (k.bitsPerValue() == null ? "" : " (" + trim(k.bitsPerValue()) + " bits)")))
                .forEach(kv::add);
        List<Option> accs = cat.accelerators().values().stream().map(e -> e.row())
                .map(a -> new Option(a.id(), a.vendor() + " " + a.name() + (a.memoryGB() == null ? "" : " — " + trim(a.memoryGB()) + " GB")))
                .toList();
        List<Option> fws = cat.frameworks().values().stream().map(e -> e.row())
                .map(f -> new Option(f.id(), f.name())).toList();
        return new FormView(values, models, weights, List.copyOf(kv), accs, fws, MODES, LENGTH_DISTRIBUTIONS,
                List.copyOf(errors), summary);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String date(Object d) {
        return d == null ? "" : d.toString();
    }
}
