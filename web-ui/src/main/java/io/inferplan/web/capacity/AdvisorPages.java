package io.inferplan.web.capacity;

import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.advisor.AdviseRequest;
import io.inferplan.plan.advisor.AdviseResponse;
import io.inferplan.plan.advisor.AdviseResponse.Advice;
import io.inferplan.plan.advisor.AdviseResponse.Criterion;
import io.inferplan.plan.advisor.AdvisorService;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.web.common.Nav;
import io.inferplan.web.common.Option;
import io.inferplan.web.common.Routes;
import io.inferplan.web.plan.AdvisorReasoning;
import io.inferplan.web.plan.AdvisorReasoning.Column;
import io.inferplan.web.plan.Charts;
import io.inferplan.web.plan.PlanForm;
import io.inferplan.web.plan.PlanPages;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Builds the framework-advisor page: the four questions as a form, the answer's questions (read or assumed), the
 * score table with one column per criterion, one chart per criterion and each framework's reasons. It also gives the
 * plan page and the reports the advisor's reasoning for the framework a plan was opened from.
 */
@Singleton
public class AdvisorPages implements AdvisorReasoning.Source {

    /** Advisor answers behind plan links, by advisor query and catalog version: a plan page, its PDF and its XLSX ask alike. */
    private static final int REMEMBERED_ANSWERS = 32;

    private final AdvisorService advisor;
    private final CapacityPages pages;
    private final Charts charts;
    private final PlanCatalog catalog;
    private final Map<String, AdviseResponse> answers = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, AdviseResponse> eldest) {
                    return size() > REMEMBERED_ANSWERS;
                }
            });

    public AdvisorPages(AdvisorService advisor, CapacityPages pages, Charts charts, PlanCatalog catalog) {
        this.advisor = advisor;
        this.pages = pages;
        this.charts = charts;
        this.catalog = catalog;
    }

    /**
     * One framework's row.
     *
     * @param cells    its criteria in column order (empty when it cannot run)
     * @param planHref its full plan page, carrying the advisor's form so the page and reports show this reasoning
     */
    public record AdvisorRow(Advice advice, List<Criterion> cells, @Nullable String planHref) {
    }

    /**
     * @param src the chart's address: the advisor form plus the criterion. The browser fetches it after the page, and
     *            the answer it draws from is the page's, kept ({@link #answer}), so a chart costs no advisor run. (Inline
     *            data URIs made the page ~1.2 MB: XChart draws every letter as a path, ~100 KB a chart.)
     */
    public record CriterionChart(String id, String label, double weight, String src) {
    }

    /**
     * @param modes        the loads the form offers
     * @param teamChoices  team experience options (blank = not given)
     * @param weightInputs one optional weight input per criterion (input name, criterion label)
     * @param lengthShapes the length distributions a spread may take
     */
    @Introspected
    public record AdvisorPage(Nav nav, String title, CapacityForm<AdvisorForm> form, @Nullable AdviseResponse result,
                              List<Column> columns, List<AdvisorRow> ranked, List<AdvisorRow> cannotRun,
                              List<CriterionChart> charts, List<Option> modes, List<Option> teamChoices,
                              List<Option> weightInputs, List<Option> lengthShapes) {
    }

    static final List<Option> MODES = List.of(new Option("fixed-concurrency", "Fixed concurrency (clients)"),
            new Option("single-stream", "Single stream (one user)"), new Option("max-throughput", "Maximum throughput (offline)"));
    static final List<Option> TEAMS = List.of(new Option("", "Not given (some assumed)"),
            new Option("none", "None: no LLM infrastructure team yet"), new Option("some", "Some: has run LLM serving before"),
            new Option("dedicated", "Dedicated LLM infrastructure team"));
    static final List<Option> WEIGHT_INPUTS = AdvisorForm.CRITERIA.stream()
            .map(id -> new Option(AdvisorForm.weightInput(id), AdvisorService.criterionLabels().get(id))).toList();

    private AdvisorPage page(String title, CapacityForm<AdvisorForm> form, @Nullable AdviseResponse r, List<Column> columns,
                             List<AdvisorRow> ranked, List<AdvisorRow> cannot, List<CriterionChart> charts) {
        return new AdvisorPage(Nav.at("advise"), title, form, r, columns, ranked, cannot, charts, MODES, TEAMS, WEIGHT_INPUTS,
                PlanPages.LENGTH_DISTRIBUTIONS);
    }

    public AdvisorPage form(AdvisorForm f) {
        return page("Framework advisor", pages.form(f, AdvisorForm.INPUTS, List.of(), null), null, List.of(), List.of(),
                List.of(), List.of());
    }

    public CapacityPages.Shown<AdvisorPage> advise(AdvisorForm f) {
        try {
            AdviseRequest request = f.parse().requireRequest();
            AdviseResponse r = answer(f, request);
            String query = query(f);
            List<Column> columns = columns(r);
            List<AdvisorRow> ranked = new ArrayList<>();
            List<AdvisorRow> cannot = new ArrayList<>();
            for (Advice a : r.frameworks()) {
                if (a.score() == null) {
                    cannot.add(new AdvisorRow(a, List.of(), null));
                    continue;
                }
                // the layout the advisor planned, so the plan page shows this row's numbers
                PlanRequest.ParallelismInput layout = a.tensorParallel() == null || a.replicas() == null || a.replicas() == 1 ? null
                        : new PlanRequest.ParallelismInput(a.tensorParallel(), 1, a.replicas());
                PlanForm plan = PlanForm.of(new PlanRequest(r.model(), a.weightFormat(), null, r.accelerator(), a.acceleratorCount(),
                        a.framework(), request.workload(), null, layout, null)).withAdvice(query);
                ranked.add(new AdvisorRow(a, cells(a, columns), Routes.withQuery(Routes.PLAN, plan.params())));
            }
            return new CapacityPages.Shown<>(200, page("Framework advisor: " + r.model() + " on " + r.accelerator(),
                    pages.form(f, AdvisorForm.INPUTS, List.of(), null), r, columns, ranked, cannot, charts(f, columns)));
        } catch (ProblemException p) {
            return new CapacityPages.Shown<>(p.status().getCode(), page("Framework advisor: refused",
                    pages.form(f, AdvisorForm.INPUTS, p.errors(), p.getMessage()), null, List.of(), List.of(), List.of(), List.of()));
        }
    }

    /** The reasoning behind one framework of the advisor form a plan link carried; empty when it cannot be given. */
    @Override
    public Optional<AdvisorReasoning> reasoning(String adviceQuery, String framework) {
        if (adviceQuery == null || adviceQuery.isBlank()) {
            return Optional.empty();
        }
        AdvisorForm f;
        try {
            f = AdvisorForm.fromQuery(adviceQuery);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty(); // not a query string the advisor page wrote: the plan stands without it
        }
        try {
            AdviseResponse r = answer(f);
            List<Column> columns = columns(r);
            long ranked = r.frameworks().stream().filter(a -> a.score() != null).count();
            AdviseResponse answer = r;
            return r.frameworks().stream().filter(a -> a.framework().equals(framework) && a.score() != null).findFirst()
                    .map(a -> new AdvisorReasoning(answer, a, (int) ranked, columns, cells(a, columns),
                            Routes.withPairs(Routes.ADVISE, f.params())));
        } catch (ProblemException e) {
            return Optional.empty();
        }
    }

    /** The advisor's answer to the form, kept by form and catalog version (the page, its charts and plan links ask alike). */
    private AdviseResponse answer(AdvisorForm f) {
        return answer(f, null);
    }

    /** As above, with the form's request when the caller has parsed it already (null: parsed here if needed). */
    private AdviseResponse answer(AdvisorForm f, @Nullable AdviseRequest parsed) {
        String key = catalog.current().version() + "|" + query(f);
        AdviseResponse r = answers.get(key);
        if (r == null) {
            r = advisor.advise(parsed != null ? parsed : f.parse().requireRequest());
            answers.put(key, r);
        }
        return r;
    }

    /**
     * One weighed criterion's chart: its score per ranked framework, best first. A refused form is its 400; a criterion
     * that is not a weighed column of this answer is a 400 naming the ones that are.
     */
    public byte[] chart(AdvisorForm f, String criterion) {
        AdviseResponse r = answer(f);
        List<Column> columns = columns(r);
        List<String> weighed = columns.stream().filter(c -> c.weight() > 0).map(Column::id).toList();
        int index = columns.stream().map(Column::id).toList().indexOf(criterion);
        if (index < 0 || columns.get(index).weight() == 0) {
            throw ProblemException.badRequest("criterion", "must be one of the weighed criteria of this answer: "
                    + String.join(", ", weighed));
        }
        Column col = columns.get(index);
        List<Advice> ranked = r.frameworks().stream().filter(a -> a.score() != null).toList();
        List<String> names = ranked.stream().map(Advice::frameworkName).map(AdvisorPages::shortName).toList();
        List<Double> scores = ranked.stream().map(a -> cells(a, columns).get(index).score()).map(s -> s == null ? 50.0 : s)
                .toList();
        String title = String.format(Locale.ROOT, "%s (weight %.0f %%)", col.label(), col.weight() * 100);
        return charts.render(charts.criterion(title, names, scores), Charts.Format.SVG);
    }

    private static String query(AdvisorForm f) {
        String href = Routes.withPairs(Routes.ADVISE, f.params());
        int q = href.indexOf('?');
        return q < 0 ? "" : href.substring(q + 1);
    }

    private static List<Column> columns(AdviseResponse r) {
        return r.weights().stream().map(w -> new Column(w.id(), w.label(), w.weight())).toList();
    }

    private static List<Criterion> cells(Advice a, List<Column> columns) {
        var c = a.criteria();
        List<Criterion> all = List.of(c.throughput(), c.ttftP95(), c.tpotP95(), c.prefixCache(), c.hardwareFit(), c.quality(), c.setupCost(),
                c.maintenance(), c.openAiApi(), c.structuredOutput(), c.evidence());
        List<String> order = List.copyOf(AdvisorForm.CRITERIA);
        return columns.stream().map(col -> all.get(order.indexOf(col.id()))).toList();
    }

    /** The weighed criteria's chart addresses, in column order. */
    private static List<CriterionChart> charts(AdvisorForm f, List<Column> columns) {
        List<CriterionChart> out = new ArrayList<>();
        for (Column col : columns) {
            if (col.weight() == 0) {
                continue;
            }
            List<Map.Entry<String, String>> params = new ArrayList<>(f.params());
            params.add(Map.entry("criterion", col.id()));
            out.add(new CriterionChart(col.id(), col.label(), col.weight(), Routes.withPairs(Routes.ADVISE_CHART, params)));
        }
        return out;
    }

    /** "llama.cpp server (llama-server)" → "llama.cpp server": chart labels stay short. */
    static String shortName(String name) {
        int paren = name.indexOf(" (");
        return paren > 0 ? name.substring(0, paren) : name;
    }
}
