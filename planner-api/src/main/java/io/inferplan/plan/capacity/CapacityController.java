package io.inferplan.plan.capacity;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

/** Fleet sizing, optimizer, framework advisor and model mixes over the engine. */
@Controller("/api/v1/plans")
public class CapacityController {

    private final FleetService fleet;
    private final OptimizerService optimizer;
    private final AdvisorService advisor;
    private final MixService mix;

    public CapacityController(FleetService fleet, OptimizerService optimizer, AdvisorService advisor, MixService mix) {
        this.fleet = fleet;
        this.optimizer = optimizer;
        this.advisor = advisor;
        this.mix = mix;
    }

    @Post("/fleet")
    public FleetService.FleetResponse fleet(@Body CapacityRequests.FleetRequest request) {
        return fleet.size(request);
    }

    @Post("/optimize")
    public OptimizerService.OptimizeResponse optimize(@Body CapacityRequests.OptimizeRequest request) {
        return optimizer.optimize(request);
    }

    @Post("/advise")
    public AdvisorService.AdviseResponse advise(@Body CapacityRequests.AdviseRequest request) {
        return advisor.advise(request);
    }

    @Post("/mix")
    public MixService.MixResponse mix(@Body CapacityRequests.MixRequest request) {
        return mix.mix(request);
    }
}
