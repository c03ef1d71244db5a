package io.inferplan.plan.capacity;

import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.capacity.CapacityRequests.MixRequest;
import io.inferplan.plan.capacity.CapacityRequests.Route;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * Several models in one plan (e.g. a small model for easy requests, a large one for the rest): each route is
 * evaluated on its own, and the blended cost weighs each route's USD per token by its share of the tokens.
 */
@Singleton
public class MixService {

    private final PlanService plans;

    public MixService(PlanService plans) {
        this.plans = plans;
    }

    @Serdeable
    public record RouteResult(String name, double requestShare, double tokenShare, PlanResponse plan) {
    }

    /**
     * @param usdPerMillionBlendedTokens Σ tokenShare × route's blended USD per million tokens
     */
    @Serdeable
    public record MixResponse(List<RouteResult> routes, @Nullable Double usdPerMillionBlendedTokens, List<String> warnings) {
    }

    public MixResponse mix(MixRequest r) {
        FieldChecks c = new FieldChecks();
        if (r == null || r.routes() == null || r.routes().isEmpty()) {
            throw ProblemException.badRequest("routes", "must list 1 to 10 routes, each {name, requestShare, plan}");
        }
        if (r.routes().size() > 10) {
            throw ProblemException.badRequest("routes", "must list at most 10 routes");
        }
        double shareSum = 0;
        for (int i = 0; i < r.routes().size(); i++) {
            Route route = r.routes().get(i);
            c.range("routes[" + i + "].requestShare", route.requestShare(), 0.0, 1.0, "(fraction of requests)", true)
                    .required("routes[" + i + "].plan", route.plan());
            shareSum += route.requestShare() == null ? 0 : route.requestShare();
        }
        c.check(Math.abs(shareSum - 1) < 1e-6, "routes", "the requestShare values must add up to 1 (they add up to " + shareSum + ")");
        c.throwIfAny();

        List<PlanResponse> answers = new ArrayList<>();
        double tokenTotal = 0;
        for (Route route : r.routes()) {
            PlanResponse a = plans.evaluate(route.plan());
            answers.add(a);
            tokenTotal += route.requestShare() * tokens(a);
        }
        List<RouteResult> results = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        double blended = 0;
        boolean priced = true;
        for (int i = 0; i < answers.size(); i++) {
            Route route = r.routes().get(i);
            PlanResponse a = answers.get(i);
            double tokenShare = route.requestShare() * tokens(a) / tokenTotal;
            results.add(new RouteResult(route.name() == null ? "route " + (i + 1) : route.name(), route.requestShare(), tokenShare, a));
            if (a.cost() == null || a.cost().usdPerMillionBlendedTokens() == null) {
                priced = false;
                warnings.add("route " + (i + 1) + " has no cost (no rental price or it does not fit): no blended cost");
            } else {
                blended += tokenShare * a.cost().usdPerMillionBlendedTokens();
            }
        }
        return new MixResponse(results, priced ? blended : null, warnings);
    }

    private static double tokens(PlanResponse a) {
        return a.plan().workload().inputTokens() + a.plan().workload().outputTokens();
    }
}
