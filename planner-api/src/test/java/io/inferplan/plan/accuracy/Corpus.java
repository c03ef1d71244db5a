package io.inferplan.plan.accuracy;

import io.inferplan.engine.calibration.CatalogLookup;
import io.inferplan.engine.calibration.EfficiencyFitter;
import io.inferplan.engine.calibration.Measurement;
import io.inferplan.engine.calibration.MeasurementCase;
import io.inferplan.engine.calibration.MeasurementCsv;
import io.inferplan.plan.catalog.CatalogSnapshot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shipped calibration corpus read the product's way: catalog ids resolved through the seed catalogs and
 * {@code EngineSpecs} (as the running service maps them), combinations refused by the product's compatibility
 * rules. Every row ends up modelled, refused (with the product's reason) or left out (with why).
 */
final class Corpus {
    final List<MeasurementCase> modelled = new ArrayList<>();
    /** Row id → why it is not modelled ("refused: …" when the product would refuse the combination). */
    final Map<String, String> notModelled = new LinkedHashMap<>();
    final Map<String, Measurement> rows = new LinkedHashMap<>();

    private static Corpus instance;

    static synchronized Corpus shipped() {
        if (instance == null) {
            instance = new Corpus(MeasurementCsv.shipped(), CatalogSnapshot.fromSeeds().lookup());
        }
        return instance;
    }

    Corpus(List<Measurement> all, CatalogLookup lookup) {
        List<MeasurementCase> cases = new ArrayList<>();
        for (Measurement m : all) {
            rows.put(m.id(), m);
            MeasurementCase.Result r = MeasurementCase.of(m, lookup);
            if (r.value() == null) {
                notModelled.put(m.id(), r.skipReason());
            } else {
                cases.add(r.value());
            }
        }
        List<MeasurementCase> fittable = EfficiencyFitter.fittable(cases);
        for (MeasurementCase c : cases) {
            if (fittable.contains(c)) {
                modelled.add(c);
            } else {
                notModelled.put(c.row().id(), "no prediction for this combination at the engine's starting values");
            }
        }
    }

    static boolean refused(String reason) {
        return reason.startsWith("refused:");
    }
}
