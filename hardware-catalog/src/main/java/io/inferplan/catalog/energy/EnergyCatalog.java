package io.inferplan.catalog.energy;

import io.inferplan.catalog.energy.EnergyFacts.GridIntensity;
import io.inferplan.catalog.energy.EnergyFacts.HostPower;
import io.inferplan.catalog.energy.EnergyFacts.IdlePower;
import io.inferplan.catalog.energy.EnergyFacts.Pue;
import io.inferplan.common.csv.CsvTable;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The energy reference data shipped with the jar (read-only: idle draw, host power, PUE, grid intensities), read
 * once from {@code catalog/*.csv}; a row that does not parse stops the start with file, line and column.
 */
@Singleton
public class EnergyCatalog {

    /** The grid used when a plan names none: Ember's world average. */
    public static final String DEFAULT_GRID_REGION = "world";

    private final Map<String, IdlePower> idle = new LinkedHashMap<>();
    private final List<HostPower> hosts;
    private final Pue defaultPue;
    private final List<Pue> pues;
    private final Map<String, GridIntensity> grids = new LinkedHashMap<>();

    public EnergyCatalog() {
        CsvTable.readResource("catalog/accelerator-idle-power.csv", IdlePower::fromCsv).forEach(r -> unique(idle, r.accelerator(), r));
        hosts = CsvTable.readResource("catalog/host-power.csv", HostPower::fromCsv);
        pues = CsvTable.readResource("catalog/pue.csv", Pue::fromCsv);
        List<Pue> defaults = pues.stream().filter(Pue::isDefault).toList();
        if (defaults.size() != 1) {
            throw new IllegalStateException("catalog/pue.csv: exactly one row must have default = true, found " + defaults.size());
        }
        defaultPue = defaults.get(0);
        CsvTable.readResource("catalog/grid-intensity.csv", GridIntensity::fromCsv).forEach(r -> unique(grids, r.id(), r));
        if (!grids.containsKey(DEFAULT_GRID_REGION)) {
            throw new IllegalStateException("catalog/grid-intensity.csv: the default region '" + DEFAULT_GRID_REGION + "' is missing");
        }
    }

    private static <T> void unique(Map<String, T> into, String id, T row) {
        if (into.put(id, row) != null) {
            throw new IllegalStateException("energy reference data: id '" + id + "' appears twice");
        }
    }

    public Optional<IdlePower> idlePower(String acceleratorId) {
        return Optional.ofNullable(idle.get(acceleratorId));
    }

    /** The server class that holds this accelerator, if one is published. */
    public Optional<HostPower> hostPower(String acceleratorId) {
        return hosts.stream().filter(h -> h.accelerators().contains(acceleratorId)).findFirst();
    }

    public Pue defaultPue() {
        return defaultPue;
    }

    public Optional<GridIntensity> grid(String id) {
        return Optional.ofNullable(grids.get(id));
    }

    public GridIntensity defaultGrid() {
        return grids.get(DEFAULT_GRID_REGION);
    }

    public List<IdlePower> idlePowers() {
        return List.copyOf(idle.values());
    }

    public List<HostPower> hostPowers() {
        return hosts;
    }

    public List<Pue> pues() {
        return pues;
    }

    public List<GridIntensity> grids() {
        return List.copyOf(grids.values());
    }
}
