package io.inferplan.catalog.coldstart;

import io.inferplan.catalog.coldstart.ColdStartFacts.LoadBandwidth;
import io.inferplan.catalog.coldstart.ColdStartFacts.ScaleDownDefault;
import io.inferplan.common.csv.CsvTable;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cold-start reference data shipped with the jar (read-only): storage and network bandwidths a replica's
 * weights cross, and autoscalers' scale-down delays, read once from {@code catalog/*.csv}; a row that does not
 * parse stops the start with file, line and column.
 */
@Singleton
public class ColdStartCatalog {

    private final Map<String, LoadBandwidth> bandwidths = new LinkedHashMap<>();
    private final List<ScaleDownDefault> scaleDown;

    public ColdStartCatalog() {
        for (LoadBandwidth b : CsvTable.readResource("catalog/weight-load-bandwidth.csv", LoadBandwidth::fromCsv)) {
            if (bandwidths.put(b.id(), b) != null) {
                throw new IllegalStateException("catalog/weight-load-bandwidth.csv: id '" + b.id() + "' appears twice");
            }
        }
        for (String kind : List.of(ColdStartFacts.STORAGE, ColdStartFacts.NETWORK)) {
            long defaults = bandwidths.values().stream().filter(b -> b.kind().equals(kind) && b.isDefault()).count();
            if (defaults != 1) {
                throw new IllegalStateException("catalog/weight-load-bandwidth.csv: exactly one " + kind
                        + " row must have default = true, found " + defaults);
            }
        }
        scaleDown = CsvTable.readResource("catalog/autoscaler-defaults.csv", ScaleDownDefault::fromCsv);
        if (scaleDown.stream().filter(ScaleDownDefault::isDefault).count() != 1) {
            throw new IllegalStateException("catalog/autoscaler-defaults.csv: exactly one row must have default = true");
        }
    }

    /** A storage or network leg by id, of the given kind. */
    public Optional<LoadBandwidth> bandwidth(String kind, String id) {
        return Optional.ofNullable(bandwidths.get(id)).filter(b -> b.kind().equals(kind));
    }

    public LoadBandwidth defaultBandwidth(String kind) {
        return bandwidths.values().stream().filter(b -> b.kind().equals(kind) && b.isDefault()).findFirst().orElseThrow();
    }

    public List<LoadBandwidth> bandwidths(String kind) {
        return bandwidths.values().stream().filter(b -> b.kind().equals(kind)).toList();
    }

    public ScaleDownDefault defaultScaleDown() {
        return scaleDown.stream().filter(ScaleDownDefault::isDefault).findFirst().orElseThrow();
    }

    public List<ScaleDownDefault> scaleDownDefaults() {
        return scaleDown;
    }
}
