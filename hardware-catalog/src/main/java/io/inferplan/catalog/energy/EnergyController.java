package io.inferplan.catalog.energy;

import io.inferplan.catalog.energy.EnergyFacts.GridIntensity;
import io.inferplan.catalog.energy.EnergyFacts.HostPower;
import io.inferplan.catalog.energy.EnergyFacts.IdlePower;
import io.inferplan.catalog.energy.EnergyFacts.Pue;
import io.inferplan.common.catalog.NearestIds;
import io.inferplan.common.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code /api/v1/energy/…}: the energy reference data the cost block's energy and carbon figures use (read-only). */
@Controller("/api/v1/energy")
public class EnergyController {

    private final EnergyCatalog catalog;

    public EnergyController(EnergyCatalog catalog) {
        this.catalog = catalog;
    }

    /** Idle draw, host power per node and PUE, each row with its source. */
    @Serdeable
    public record PowerFacts(List<IdlePower> acceleratorIdlePower, List<HostPower> hostPower, List<Pue> pue) {
    }

    @Get("/power")
    public PowerFacts power() {
        return new PowerFacts(catalog.idlePowers(), catalog.hostPowers(), catalog.pues());
    }

    /** Grid intensities, optionally of one kind (country, region-average, cloud-region). */
    @Get("/grid-intensities")
    public List<GridIntensity> grids(@Nullable @QueryValue String kind) {
        return catalog.grids().stream().filter(g -> kind == null || g.kind().equals(kind)).toList();
    }

    @Get("/grid-intensities/{id}")
    public GridIntensity grid(String id) {
        return catalog.grid(id).orElseThrow(() -> ProblemException.notFound("grid region", "id", id,
                NearestIds.of(id, catalog.grids().stream().map(GridIntensity::id).toList())));
    }
}
