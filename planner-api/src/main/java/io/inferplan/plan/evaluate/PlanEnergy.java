package io.inferplan.plan.evaluate;

import io.inferplan.catalog.energy.EnergyCatalog;
import io.inferplan.catalog.energy.EnergyFacts;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.energy.EnergyEstimate;
import io.inferplan.engine.energy.EnergyModel;
import io.inferplan.engine.energy.PowerProfile;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.speed.PerformanceEstimate;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The energy and carbon blocks: catalog power facts (or the user's) in, {@link EnergyModel} applied, each input's
 * origin written into the assumptions. Used by evaluate's cost block and by fleet sizing.
 */
public final class PlanEnergy {

    private PlanEnergy() {
    }

    /** The two blocks of one deployment. */
    public record Blocks(PlanResponse.EnergyBlock energy, PlanResponse.CarbonBlock carbon) {
    }

    /**
     * The busy share the analytic engine implies: at an arrival rate, its utilisation (rate ÷ saturated capacity);
     * in the closed-loop modes (single-stream, fixed-concurrency, max-throughput) the deployment runs steps back to
     * back, so 1. The simulator's step occupancy will come in through the same parameter.
     */
    public static double busyShare(PerformanceEstimate perf) {
        if (simulated(perf)) {
            return Math.min(1.0, perf.simulation().busyFraction());
        }
        PerformanceEstimate.QueueingEstimate q = perf.queueing();
        return q == null ? analyticBusyShare(false, false, Double.NaN)
                : analyticBusyShare(true, q.exceedsCapacity(), q.utilisationFraction());
    }

    /**
     * The analytic answer's busy share: 1 in the closed-loop modes; under arrivals its utilisation, or 1 beyond
     * capacity.
     */
    public static double analyticBusyShare(boolean arrivals, boolean exceedsCapacity, double utilisationFraction) {
        if (!arrivals) {
            return 1.0;
        }
        return exceedsCapacity || !(utilisationFraction >= 0) ? 1.0 : Math.min(1.0, utilisationFraction);
    }

    /** Why {@link #busyShare} is what it is, for the assumptions. */
    public static String busyShareReason(PerformanceEstimate perf) {
        if (simulated(perf)) {
            return "busy share = the simulated share of time the replica ran scheduler steps ("
                    + perf.simulation().requestsSimulated() + " requests per replica simulated)";
        }
        return analyticBusyShareReason(perf.queueing() != null);
    }

    /** Why {@link #analyticBusyShare} is what it is, for the assumptions. */
    public static String analyticBusyShareReason(boolean arrivals) {
        return arrivals ? "busy share = the arrival rate ÷ saturated capacity (the analytic engine's utilisation)"
                : "busy share 1: in a closed-loop workload (single-stream, fixed-concurrency, max-throughput) steps run back to back";
    }

    private static boolean simulated(PerformanceEstimate perf) {
        return perf.simulation() != null && "simulation".equals(perf.simulation().method())
                && Double.isFinite(perf.simulation().busyFraction());
    }

    /**
     * Whether a busy draw is known for the accelerator (catalog TDP or the user's figure). Without one the plan is
     * still answered: the energy and carbon blocks stay empty and a warning says which input would fill them.
     */
    public static boolean hasPowerFigure(AcceleratorSpec accelerator, @Nullable PlanRequest.PricingInput pricing) {
        return accelerator.tdpWatts() > 0 || (pricing != null && pricing.energy() != null
                && pricing.energy().busyWattsPerAccelerator() != null);
    }

    /** The warning of a plan whose accelerator has no power figure. */
    public static String noPowerFigureWarning(AcceleratorSpec accelerator) {
        return "the catalog has no TDP for " + accelerator.id() + ": energy and carbon not computed "
                + "(give pricing.energy.busyWattsPerAccelerator)";
    }

    /**
     * @param busyShareFraction     share of time the accelerators run steps (before a user override)
     * @param busyShareReason       where that share came from
     * @param outputTokensPerSecond output tokens the deployment delivers per second at that share
     */
    public static Blocks of(EnergyCatalog cat, AcceleratorSpec accelerator, int acceleratorCount, double busyShareFraction,
                            String busyShareReason, double outputTokensPerSecond, @Nullable PlanRequest.PricingInput pricing) {
        return of(cat, power(cat, accelerator, busyShareFraction, busyShareReason, pricing), acceleratorCount,
                outputTokensPerSecond, pricing);
    }

    /**
     * One accelerator's power facts at a busy share, each with its origin, before the deployment's size and
     * throughput (a search prices many deployments of the same accelerator with them).
     */
    public record Power(PowerProfile profile, double share, double idleWatts, double busyWatts, double hostWatts,
                        double pue, List<String> assumptions) {
    }

    /** The blocks of a deployment of {@code acceleratorCount} accelerators with these power facts. */
    public static Blocks of(EnergyCatalog cat, Power power, int acceleratorCount, double outputTokensPerSecond,
                            @Nullable PlanRequest.PricingInput pricing) {
        EnergyEstimate e = EnergyModel.estimate(power.profile(), acceleratorCount, power.share(), outputTokensPerSecond);
        PlanResponse.EnergyBlock energy = new PlanResponse.EnergyBlock(finite(e.kWhPerMillionOutputTokens()),
                finite(e.joulesPerOutputToken()), e.kWhPerHour(), e.facilityWatts(), power.share(), power.idleWatts(),
                power.busyWatts(), power.hostWatts(), e.nodes(), power.pue(), power.assumptions());
        return new Blocks(energy, carbon(cat, e, pricing));
    }

    /** The power facts: the user's figures, else the catalog's, else the stated fallbacks (422 without a TDP). */
    public static Power power(EnergyCatalog cat, AcceleratorSpec accelerator, double busyShareFraction,
                              String busyShareReason, @Nullable PlanRequest.PricingInput pricing) {
        List<String> assumptions = new ArrayList<>();
        PlanRequest.EnergyInput in = pricing == null ? null : pricing.energy();
        PlanRequest.OwnedInput owned = pricing == null ? null : pricing.owned();

        double busy;
        if (in != null && in.busyWattsPerAccelerator() != null) {
            busy = in.busyWattsPerAccelerator();
            assumptions.add("busy draw " + busy + " W per accelerator (given)");
        } else if (accelerator.tdpWatts() > 0) {
            busy = accelerator.tdpWatts();
            assumptions.add("busy draw " + busy + " W per accelerator: datasheet TDP/board power of " + accelerator.id()
                    + " (catalog accelerators)");
        } else {
            throw ProblemException.unprocessable("No power figure", "the catalog has no TDP for " + accelerator.id()
                    + ": give pricing.energy.busyWattsPerAccelerator", List.of(new io.inferplan.common.problem.FieldError(
                    "pricing.energy.busyWattsPerAccelerator", "is required for " + accelerator.id() + " (no catalog TDP)")));
        }
        double idle;
        Optional<EnergyFacts.IdlePower> measured = cat.idlePower(accelerator.id());
        if (in != null && in.idleWattsPerAccelerator() != null) {
            idle = in.idleWattsPerAccelerator();
            assumptions.add("idle draw " + idle + " W per accelerator (given)");
        } else if (measured.isPresent() && measured.get().idleWatts() <= busy) {
            idle = measured.get().idleWatts();
            assumptions.add("idle draw " + idle + " W per accelerator: measured (" + measured.get().measuredAs() + ", "
                    + measured.get().sourceUrl() + ")");
        } else {
            idle = busy;
            assumptions.add("no published idle draw for " + accelerator.id() + ": idle taken as the busy draw, an upper bound"
                    + " (give pricing.energy.idleWattsPerAccelerator)");
        }
        Optional<EnergyFacts.HostPower> host = cat.hostPower(accelerator.id());
        double hostWatts;
        int perNode;
        if (in != null && in.hostWattsPerNode() != null) {
            hostWatts = in.hostWattsPerNode();
            perNode = in.acceleratorsPerNode() != null ? in.acceleratorsPerNode() : host.map(EnergyFacts.HostPower::acceleratorsPerNode).orElse(8);
            assumptions.add("host " + hostWatts + " W per node of " + perNode + " accelerators (given)");
        } else if (host.isPresent()) {
            hostWatts = host.get().hostWatts();
            perNode = in != null && in.acceleratorsPerNode() != null ? in.acceleratorsPerNode() : host.get().acceleratorsPerNode();
            assumptions.add("host " + hostWatts + " W per node of " + perNode + " accelerators: " + host.get().name() + ", "
                    + host.get().basis() + " (" + host.get().sourceUrl() + ")");
        } else {
            hostWatts = 0;
            perNode = in != null && in.acceleratorsPerNode() != null ? in.acceleratorsPerNode() : 8;
            assumptions.add("no published host power for servers of " + accelerator.id()
                    + ": host (CPU, memory, fans, NICs) counted as 0 W (give pricing.energy.hostWattsPerNode)");
        }
        double pue;
        if (in != null && in.pue() != null) {
            pue = in.pue();
            assumptions.add("PUE " + pue + " (given)");
        } else if (owned != null && owned.pue() != null) {
            pue = owned.pue();
            assumptions.add("PUE " + pue + " (given in pricing.owned)");
        } else {
            pue = cat.defaultPue().pue();
            assumptions.add("PUE " + pue + ": " + cat.defaultPue().scope() + " (" + cat.defaultPue().sourceUrl() + ")");
        }
        double share = busyShareFraction;
        if (in != null && in.busyShareFraction() != null) {
            share = in.busyShareFraction();
            assumptions.add("busy share " + share + " (given)");
        } else if (owned != null && owned.powerUtilisationFraction() != null) {
            share = owned.powerUtilisationFraction();
            assumptions.add("busy share " + share + " (given as pricing.owned.powerUtilisationFraction)");
        } else {
            assumptions.add(String.format(Locale.ROOT, "%s: %.4f", busyShareReason, share));
        }
        PowerProfile profile;
        try {
            profile = new PowerProfile(idle, busy, hostWatts, perNode, pue);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("pricing.energy." + e.getMessage().split(":")[0], e.getMessage());
        }
        return new Power(profile, share, idle, busy, hostWatts, pue, List.copyOf(assumptions));
    }

    private static PlanResponse.CarbonBlock carbon(EnergyCatalog cat, EnergyEstimate e, @Nullable PlanRequest.PricingInput pricing) {
        double intensity;
        String region;
        EnergyFacts.GridIntensity grid = null;
        if (pricing != null && pricing.gridIntensityGCo2ePerKWh() != null) {
            intensity = pricing.gridIntensityGCo2ePerKWh();
            region = "user";
        } else {
            grid = pricing == null || pricing.gridRegion() == null ? cat.defaultGrid()
                    : cat.grid(pricing.gridRegion()).orElseThrow(() -> unknownRegion(cat, pricing.gridRegion()));
            intensity = grid.gCo2ePerKWh();
            region = grid.id();
        }
        double perMillion = EnergyModel.gCo2ePerMillionTokens(e.kWhPerMillionOutputTokens(), intensity);
        return new PlanResponse.CarbonBlock(finite(perMillion), e.kWhPerHour() * intensity, intensity, region,
                grid == null ? "given with the plan" : grid.name(), grid == null ? null : grid.year(),
                grid == null ? null : grid.sourceUrl());
    }

    /** A 400 naming the nearest region ids when {@code pricing.gridRegion} is not in the catalog. */
    public static void checkRegion(EnergyCatalog cat, @Nullable PlanRequest.PricingInput pricing) {
        if (pricing != null && pricing.gridRegion() != null && pricing.gridIntensityGCo2ePerKWh() == null
                && cat.grid(pricing.gridRegion()).isEmpty()) {
            throw unknownRegion(cat, pricing.gridRegion());
        }
    }

    private static ProblemException unknownRegion(EnergyCatalog cat, String id) {
        return ProblemException.badRequest("pricing.gridRegion", "unknown grid region '" + id + "'; nearest valid ids: "
                + String.join(", ", io.inferplan.common.catalog.NearestIds.of(id,
                cat.grids().stream().map(EnergyFacts.GridIntensity::id).toList()))
                + " (list: GET /api/v1/energy/grid-intensities)");
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
