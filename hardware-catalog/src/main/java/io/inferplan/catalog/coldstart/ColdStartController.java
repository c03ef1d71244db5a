package io.inferplan.catalog.coldstart;

import io.inferplan.catalog.coldstart.ColdStartFacts.LoadBandwidth;
import io.inferplan.catalog.coldstart.ColdStartFacts.ScaleDownDefault;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** {@code /api/v1/cold-start}: the reference data behind the day plan's scale-up and scale-down delays (read-only). */
@Controller("/api/v1/cold-start")
public class ColdStartController {

    private final ColdStartCatalog catalog;

    public ColdStartController(ColdStartCatalog catalog) {
        this.catalog = catalog;
    }

    /** Storage legs, network legs and autoscalers' scale-down delays, each row with its source. */
    @Serdeable
    public record ColdStartReference(List<LoadBandwidth> storage, List<LoadBandwidth> network,
                                     List<ScaleDownDefault> scaleDown) {
    }

    @Get
    public ColdStartReference reference() {
        return new ColdStartReference(catalog.bandwidths(ColdStartFacts.STORAGE), catalog.bandwidths(ColdStartFacts.NETWORK),
                catalog.scaleDownDefaults());
    }
}
