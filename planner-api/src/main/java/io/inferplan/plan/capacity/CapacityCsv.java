package io.inferplan.plan.capacity;

import io.inferplan.plan.csv.CsvText;
import io.inferplan.plan.csv.Flattener;
import io.inferplan.plan.csv.TableCsv;

import java.util.Arrays;
import java.util.List;

/**
 * The CSV forms of the capacity answers: one row per ranked configuration (optimizer) or route (mix), each followed by the answer's own columns; the fleet as one row like evaluate.
 */
final class CapacityCsv {

    private CapacityCsv() {
    }

    /**
     * Rows are the ranked configurations with their {@code rank}; when none meets the SLO, the closest misses
     * (empty {@code rank}, {@code meetsSlo} false, {@code missedBecause} and {@code reason} saying why).
     */
    static String optimize(OptimizerService.OptimizeResponse r) {
        boolean met = !r.ranked().isEmpty();
        List<OptimizerService.Candidate> rows = met ? r.ranked() : r.closest();
        TableCsv.Lead<OptimizerService.Candidate> lead = new TableCsv.Lead<>(List.of("rank", "onParetoFront"),
                c -> Arrays.asList(met ? rows.indexOf(c) + 1 : null, r.paretoFront().contains(c)));
        return TableCsv.write(lead, OptimizerService.Candidate.class, rows, OptimizerService.OptimizeResponse.class, r);
    }

    static String fleet(FleetService.FleetResponse r) {
        return CsvText.write(Flattener.header(FleetService.FleetResponse.class),
                List.of(Flattener.row(FleetService.FleetResponse.class, r)));
    }

    static String mix(MixService.MixResponse r) {
        return TableCsv.write(TableCsv.Lead.none(), MixService.RouteResult.class, r.routes(), MixService.MixResponse.class, r);
    }
}
