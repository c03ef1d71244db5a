package io.inferplan.plan.day;

import io.inferplan.catalog.coldstart.ColdStartCatalog;
import io.inferplan.catalog.coldstart.ColdStartFacts;
import io.inferplan.catalog.coldstart.ColdStartFacts.LoadBandwidth;
import io.inferplan.catalog.price.GpuPriceRow;
import io.inferplan.common.catalog.NearestIds;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.day.ColdStart;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.evaluate.RentalOptions;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Optional;

/**
 * The day plan's inputs checked (every bad field in one 400) and its defaults resolved, each with where it came
 * from: the cold-start legs and the scale-down delay from the cold-start catalog, prices from the GPU price catalog.
 */
final class DayInputs {

    /** The id that says "no such leg" for storage or network. */
    static final String NONE = "none";
    static final int MAX_REPLICAS = 1000;
    private static final double MAX_SECONDS = 86_400;

    private DayInputs() {
    }

    static void check(DayRequest r) {
        if (r == null) {
            throw ProblemException.badRequest("body", "is required: {plan, slo, hourlyRequestsPerSecond, autoscaling, purchase}");
        }
        FieldChecks c = new FieldChecks();
        c.required("plan", r.plan());
        if (r.plan() != null && r.plan().workload() == null) {
            c.fail("plan.workload", "is required: {inputTokens, outputTokens} of one request (the mode and rate are set hour by hour)");
        }
        DayRequest.Slo slo = r.slo();
        if (slo == null || (slo.ttftP95Ms() == null && slo.tpotP95Ms() == null && slo.tpotMs() == null)) {
            c.fail("slo", "is required: give at least one of ttftP95Ms, tpotP95Ms, tpotMs");
        } else {
            c.range("slo.ttftP95Ms", slo.ttftP95Ms(), 1.0, 3_600_000.0, "ms", false)
                    .range("slo.tpotP95Ms", slo.tpotP95Ms(), 0.1, 60_000.0, "ms", false)
                    .range("slo.tpotMs", slo.tpotMs(), 0.1, 60_000.0, "ms", false);
        }
        if ((r.hourlyRequestsPerSecond() == null) == (r.trafficCsv() == null)) {
            c.fail("hourlyRequestsPerSecond", "give exactly one of hourlyRequestsPerSecond (24 hourly rates) or trafficCsv");
        }
        DayRequest.Autoscaling a = r.autoscaling();
        if (a != null) {
            c.range("autoscaling.minReplicas", a.minReplicas(), 0, MAX_REPLICAS, "replicas", false)
                    .range("autoscaling.maxReplicas", a.maxReplicas(), 1, MAX_REPLICAS, "replicas", false)
                    .range("autoscaling.targetRequestsPerSecondPerReplica", a.targetRequestsPerSecondPerReplica(), 1e-6,
                            TrafficCurve.MAX_RATE, "requests per second", false)
                    .range("autoscaling.storageReadGBps", a.storageReadGBps(), 1e-6, 10_000.0, "GB/s", false)
                    .range("autoscaling.networkGBps", a.networkGBps(), 1e-6, 10_000.0, "GB/s", false)
                    .range("autoscaling.engineStartSeconds", a.engineStartSeconds(), 0.0, MAX_SECONDS, "seconds", false)
                    .range("autoscaling.scaleUpDelaySeconds", a.scaleUpDelaySeconds(), 0.0, MAX_SECONDS, "seconds", false)
                    .range("autoscaling.scaleDownDelaySeconds", a.scaleDownDelaySeconds(), 0.0, MAX_SECONDS, "seconds", false);
            if (a.minReplicas() != null && a.maxReplicas() != null && a.maxReplicas() < a.minReplicas()) {
                c.fail("autoscaling.maxReplicas", "must be at least minReplicas (" + a.minReplicas() + ")");
            }
        }
        DayRequest.Purchase p = r.purchase();
        if (p != null) {
            c.range("purchase.reservedReplicas", p.reservedReplicas(), 0, MAX_REPLICAS, "replicas", false)
                    .range("purchase.spotReplicas", p.spotReplicas(), 0, MAX_REPLICAS, "replicas", false)
                    .range("purchase.spotInterruptionRatePerHour", p.spotInterruptionRatePerHour(), 0.0, 10.0,
                            "interruptions per spot replica-hour", false)
                    .range("purchase.reservedUsdPerGpuHour", p.reservedUsdPerGpuHour(), 0.0, 10_000.0, "USD per accelerator-hour", false)
                    .range("purchase.onDemandUsdPerGpuHour", p.onDemandUsdPerGpuHour(), 0.0, 10_000.0, "USD per accelerator-hour", false)
                    .range("purchase.spotUsdPerGpuHour", p.spotUsdPerGpuHour(), 0.0, 10_000.0, "USD per accelerator-hour", false);
            if (p.spotReplicas() != null && p.spotReplicas() > 0 && p.spotInterruptionRatePerHour() == null) {
                c.fail("purchase.spotInterruptionRatePerHour", "is required with spot replicas: expected interruptions per "
                        + "spot replica-hour (no default: providers publish none per hour)");
            }
            if (a != null && a.maxReplicas() != null && p.reservedReplicas() != null && p.reservedReplicas() > a.maxReplicas()) {
                c.fail("purchase.reservedReplicas", "must be at most autoscaling.maxReplicas (" + a.maxReplicas() + ")");
            }
        }
        c.throwIfAny();
    }

    /** The cold start's legs: a given bandwidth wins over an id, an id over the catalog default; "none" drops a leg. */
    record Legs(@Nullable DayResponse.Leg storage, @Nullable DayResponse.Leg network, ColdStart coldStart) {
    }

    static Legs legs(ColdStartCatalog cat, @Nullable DayRequest.Autoscaling a) {
        DayResponse.Leg storage = leg(cat, ColdStartFacts.STORAGE, a == null ? null : a.storage(),
                a == null ? null : a.storageReadGBps(), "autoscaling.storage");
        DayResponse.Leg network = leg(cat, ColdStartFacts.NETWORK, a == null ? null : a.network(),
                a == null ? null : a.networkGBps(), "autoscaling.network");
        if (storage == null && network == null) {
            throw ProblemException.badRequest("autoscaling.storage", "storage and network cannot both be none: the weights come "
                    + "from somewhere (or give autoscaling.scaleUpDelaySeconds)");
        }
        double engine = a == null || a.engineStartSeconds() == null ? 0 : a.engineStartSeconds();
        return new Legs(storage, network, new ColdStart(network == null ? null : network.readGBps(),
                storage == null ? null : storage.readGBps(), engine));
    }

    private static DayResponse.Leg leg(ColdStartCatalog cat, String kind, @Nullable String id, @Nullable Double gbps, String field) {
        if (gbps != null) {
            return new DayResponse.Leg("given", kind + " bandwidth given with the plan", gbps, null, null);
        }
        if (NONE.equals(id)) {
            return null;
        }
        LoadBandwidth b = id == null ? cat.defaultBandwidth(kind) : cat.bandwidth(kind, id).orElseThrow(() ->
                ProblemException.badRequest(field, "unknown " + kind + " '" + id + "'; nearest valid ids: "
                        + String.join(", ", NearestIds.of(id, cat.bandwidths(kind).stream().map(LoadBandwidth::id).toList()))
                        + ", or none (list: GET /api/v1/cold-start)"));
        return new DayResponse.Leg(b.id(), b.name(), b.readGBps(), b.sourceUrl(), b.asOf() == null ? null : b.asOf().toString());
    }

    /** A given price, else the catalog's cheapest of the type for the accelerator, else null (the answer says so). */
    static DayResponse.Price price(CatalogSnapshot cat, String accelerator, String type, @Nullable Double given) {
        if (given != null) {
            return new DayResponse.Price("given", "given with the plan", given, null, null);
        }
        Optional<GpuPriceRow> row = RentalOptions.cheapestOfType(cat, accelerator, type);
        return row.map(p -> new DayResponse.Price(p.id(), p.provider(), p.usdPerGpuHour().doubleValue(),
                p.asOf() == null ? null : p.asOf().toString(), p.sourceUrl())).orElse(null);
    }
}
