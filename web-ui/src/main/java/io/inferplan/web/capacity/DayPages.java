package io.inferplan.web.capacity;

import io.inferplan.catalog.coldstart.ColdStartCatalog;
import io.inferplan.catalog.coldstart.ColdStartFacts;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.day.DayResponse;
import io.inferplan.plan.day.DayService;
import io.inferplan.web.common.Nav;
import io.inferplan.web.common.Option;
import io.inferplan.web.common.Routes;
import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/** Builds the day-of-traffic page: the service's answer for the submitted form, arranged, with chart and report links. */
@Singleton
public class DayPages {

    private final DayService days;
    private final CapacityPages capacity;
    private final ColdStartCatalog coldStarts;

    public DayPages(DayService days, CapacityPages capacity, ColdStartCatalog coldStarts) {
        this.days = days;
        this.capacity = capacity;
        this.coldStarts = coldStarts;
    }

    /**
     * @param result   null before the form is submitted or when it was refused
     * @param chartSvg the replicas-and-latency chart of the same form; pdf/xlsx the reports
     */
    @Introspected
    public record DayPage(Nav nav, String title, CapacityForm<DayForm> form, List<Option> storageOptions,
                          List<Option> networkOptions, DayResponse result, String chartSvg, String pdf, String xlsx) {
    }

    public DayPage form(DayForm f) {
        return page("A day of traffic", f, List.of(), null, null);
    }

    public CapacityPages.Shown<DayPage> plan(DayForm f) {
        try {
            DayResponse r = answer(f);
            return new CapacityPages.Shown<>(200, page("A day of traffic: " + r.plan().model() + " on "
                    + r.plan().acceleratorsPerReplica() + " × " + r.plan().accelerator() + " per replica", f, List.of(), null, r));
        } catch (ProblemException p) {
            return new CapacityPages.Shown<>(p.status().getCode(), page("A day of traffic: refused", f, p.errors(),
                    p.getMessage(), null));
        }
    }

    /** The service's answer for a form (the chart and the reports ask again with the same parameters). */
    public DayResponse answer(DayForm f) {
        return days.plan(f.parse().requireRequest());
    }

    private DayPage page(String title, DayForm f, List<io.inferplan.common.problem.FieldError> errors, String summary,
                         DayResponse r) {
        return new DayPage(Nav.at("day"), title, capacity.form(f, DayForm.INPUTS, errors, summary),
                options(ColdStartFacts.STORAGE), options(ColdStartFacts.NETWORK), r,
                r == null ? null : Routes.withQuery(Routes.DAY_CHART, f.params()),
                r == null ? null : Routes.withQuery(Routes.DAY_REPORT_PDF, f.params()),
                r == null ? null : Routes.withQuery(Routes.DAY_REPORT_XLSX, f.params()));
    }

    /** The catalog legs of one kind, the default first (blank value), then "none". */
    private List<Option> options(String kind) {
        List<Option> out = new ArrayList<>();
        ColdStartFacts.LoadBandwidth d = coldStarts.defaultBandwidth(kind);
        out.add(new Option("", "Default: " + d.name() + " (" + d.readGBps() + " GB/s)"));
        coldStarts.bandwidths(kind).forEach(b -> out.add(new Option(b.id(), b.name() + " (" + b.readGBps() + " GB/s)")));
        out.add(new Option("none", ColdStartFacts.STORAGE.equals(kind) ? "None: streamed into accelerator memory"
                : "None: the weights are already on the node"));
        return out;
    }
}
