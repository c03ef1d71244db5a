package io.inferplan.plan.evaluate;

import io.inferplan.common.catalog.NearestIds;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.catalog.CatalogSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks an evaluate request field by field before the engine sees it, so every bad field is named with what
 * is allowed (400). Combinations that are well-formed but cannot run are the engine's to refuse (422).
 */
final class PlanValidation {

    static final List<String> MODES = List.of("single-stream", "fixed-concurrency", "arrival-rate", "max-throughput");
    static final List<String> LENGTH_DISTRIBUTIONS = List.of("uniform", "lognormal");
    static final int MAX_TOKENS = 10_000_000;
    static final int MAX_ACCELERATORS = 1024;
    static final List<String> ROPE_TYPES = List.of("yarn", "linear", "dynamic", "llama3");

    private PlanValidation() {
    }

    static void check(PlanRequest r, CatalogSnapshot catalog) {
        FieldChecks c = new FieldChecks();
        if (r == null) {
            throw ProblemException.badRequest("body", "is required: a JSON object with model, weightFormat, accelerator, framework and workload");
        }
        known(c, "model", r.model(), catalog.models(), true);
        known(c, "weightFormat", r.weightFormat(), catalog.weightFormats(), true);
        known(c, "kvCacheFormat", r.kvCacheFormat(), catalog.kvCacheFormats(), false);
        known(c, "accelerator", r.accelerator(), catalog.accelerators(), true);
        known(c, "framework", r.framework(), catalog.frameworks(), true);
        c.range("acceleratorCount", r.acceleratorCount(), 1, MAX_ACCELERATORS, "accelerators", false);
        c.text("calibrationProfile", r.calibrationProfile(), 64, false);

        PlanRequest.WorkloadInput w = r.workload();
        if (w == null) {
            c.fail("workload", "is required: {mode, inputTokens, outputTokens, ...}");
        } else {
            FieldChecks wc = new FieldChecks("workload");
            wc.oneOf("mode", w.mode(), MODES, true)
                    .range("inputTokens", w.inputTokens(), 1, MAX_TOKENS, "tokens", true)
                    .range("outputTokens", w.outputTokens(), 1, MAX_TOKENS, "tokens", true)
                    .range("concurrency", w.concurrency(), 1, 100_000, "requests", "fixed-concurrency".equals(w.mode()))
                    .range("requestsPerSecond", w.requestsPerSecond(), 1e-6, 1e6, "requests per second",
                            "arrival-rate".equals(w.mode()))
                    .range("sharedPrefixTokens", w.sharedPrefixTokens(), 0, MAX_TOKENS, "tokens", false);
            if (w.sharedPrefixTokens() != null && w.inputTokens() != null && w.sharedPrefixTokens() > w.inputTokens()) {
                wc.fail("sharedPrefixTokens", "must be at most inputTokens (" + w.inputTokens() + ")");
            }
            wc.range("inputTokensSpread", w.inputTokensSpread(), 0.0, (double) MAX_TOKENS, "tokens (standard deviation)",
                            false)
                    .range("outputTokensSpread", w.outputTokensSpread(), 0.0, (double) MAX_TOKENS,
                            "tokens (standard deviation)", false)
                    .oneOf("lengthDistribution", w.lengthDistribution(), LENGTH_DISTRIBUTIONS, false)
                    .range("burstiness", w.burstiness(), 0.01, 100.0, "(gamma shape; 1 = Poisson)", false);
            if ("single-stream".equals(w.mode()) && w.concurrency() != null && w.concurrency() != 1) {
                wc.fail("concurrency", "must be 1 (or absent) for single-stream");
            }
            wc.errors().forEach(e -> c.fail(e.field(), e.message()));
        }

        PlanRequest.ServingInput s = r.serving();
        if (s != null) {
            FieldChecks sc = new FieldChecks("serving")
                    .text("frameworkVersion", s.frameworkVersion(), 40, false)
                    .range("memoryFraction", s.memoryFraction(), 0.01, 1.0, "(fraction)", false)
                    .range("maxConcurrentSequences", s.maxConcurrentSequences(), 1, 100_000, "sequences", false)
                    .range("maxBatchedTokens", s.maxBatchedTokens(), 1, MAX_TOKENS, "tokens", false)
                    .range("parallelSlots", s.parallelSlots(), 1, 4096, "slots", false)
                    .range("contextPerSlotTokens", s.contextPerSlotTokens(), 1, MAX_TOKENS, "tokens", false)
                    .range("requestCount", s.requestCount(), 1, 10_000_000, "requests", false);
            PlanRequest.RopeScalingInput rope = s.ropeScaling();
            if (rope != null) {
                sc.oneOf("ropeScaling.type", rope.type(), ROPE_TYPES, true)
                        .range("ropeScaling.factor", rope.factor(), 1.0001, 64.0, "(times the original context)", true);
            }
            sc.errors().forEach(e -> c.fail(e.field(), e.message()));
        }

        PlanRequest.HostInput h = r.host();
        if (h != null) {
            FieldChecks hc = new FieldChecks("host")
                    .range("hostMemoryGB", h.hostMemoryGB(), 0.1, 1_000_000.0, "GB", false)
                    .range("memoryChannels", h.memoryChannels(), 1, 64, "channels", false)
                    .range("memoryTransferRateMTps", h.memoryTransferRateMTps(), 100.0, 100_000.0, "MT/s", false);
            hc.errors().forEach(e -> c.fail(e.field(), e.message()));
        }

        PlanRequest.ParallelismInput p = r.parallelism();
        if (p != null) {
            FieldChecks pc = new FieldChecks("parallelism")
                    .range("tensorParallel", p.tensorParallel(), 1, MAX_ACCELERATORS, "accelerators", false)
                    .range("pipelineParallel", p.pipelineParallel(), 1, MAX_ACCELERATORS, "stages", false)
                    .range("replicas", p.replicas(), 1, MAX_ACCELERATORS, "replicas", false);
            if (pc.errors().isEmpty() && r.acceleratorCount() != null) {
                long product = (long) orOne(p.tensorParallel()) * orOne(p.pipelineParallel()) * orOne(p.replicas());
                if (product != r.acceleratorCount()) {
                    pc.fail("tensorParallel", "tensorParallel × pipelineParallel × replicas = " + product
                            + " must equal acceleratorCount (" + r.acceleratorCount() + ")");
                }
            }
            if (pc.errors().isEmpty() && (long) orOne(p.tensorParallel()) * orOne(p.pipelineParallel()) * orOne(p.replicas())
                    > MAX_ACCELERATORS) {
                pc.fail("replicas", "tensorParallel × pipelineParallel × replicas must be at most " + MAX_ACCELERATORS);
            }
            pc.errors().forEach(e -> c.fail(e.field(), e.message()));
        }
        PlanRequest.PricingInput pricing = r.pricing();
        if (pricing != null) {
            FieldChecks pc = new FieldChecks("pricing")
                    .range("usdPerGpuHour", pricing.usdPerGpuHour(), 0.0, 10_000.0, "USD per accelerator-hour", false)
                    .oneOf("pricingType", pricing.pricingType(), List.of("on-demand", "reserved", "spot", "community", "marketplace"), false);
            if (pricing.gpuPriceId() != null && catalog.gpuPrices().stream().noneMatch(g -> g.id().equals(pricing.gpuPriceId())
                    && r.accelerator() != null && r.accelerator().equals(g.accelerator()) && g.usdPerGpuHour() != null)) {
                pc.fail("gpuPriceId", "must be a catalog GPU-hour price of accelerator " + r.accelerator() + "; valid: "
                        + String.join(", ", catalog.rentalPrices(r.accelerator() == null ? "" : r.accelerator()).stream()
                        .map(g -> g.id()).limit(5).toList()));
            }
            if (pricing.apiPrices() != null) {
                if (pricing.apiPrices().size() > 50) {
                    pc.fail("apiPrices", "must list at most 50 API price ids");
                } else {
                    for (int i = 0; i < pricing.apiPrices().size(); i++) {
                        String id = pricing.apiPrices().get(i);
                        if (catalog.apiPrices().stream().noneMatch(a -> a.id().equals(id))) {
                            pc.fail("apiPrices[" + i + "]", "unknown API price id; nearest valid ids: " + String.join(", ",
                                    NearestIds.of(id, catalog.apiPrices().stream().map(a -> a.id()).toList())));
                        }
                    }
                }
            }
            pc.range("gridIntensityGCo2ePerKWh", pricing.gridIntensityGCo2ePerKWh(), 0.0, 5_000.0, "gCO2e per kWh", false)
                    .range("apiCacheHitFraction", pricing.apiCacheHitFraction(), 0.0, 1.0, "(share of input tokens)", false);
            PlanRequest.EnergyInput en = pricing.energy();
            if (en != null) {
                pc.range("energy.idleWattsPerAccelerator", en.idleWattsPerAccelerator(), 0.0, 10_000.0, "W", false)
                        .range("energy.busyWattsPerAccelerator", en.busyWattsPerAccelerator(), 0.0, 10_000.0, "W", false)
                        .range("energy.hostWattsPerNode", en.hostWattsPerNode(), 0.0, 1_000_000.0, "W", false)
                        .range("energy.acceleratorsPerNode", en.acceleratorsPerNode(), 1, 1024, "accelerators", false)
                        .range("energy.pue", en.pue(), 1.0, 5.0, "(facility ÷ IT power)", false)
                        .range("energy.busyShareFraction", en.busyShareFraction(), 0.0, 1.0, "(share of time busy)", false);
                if (en.idleWattsPerAccelerator() != null && en.busyWattsPerAccelerator() != null
                        && en.idleWattsPerAccelerator() > en.busyWattsPerAccelerator()) {
                    pc.fail("energy.idleWattsPerAccelerator", "must be at most busyWattsPerAccelerator ("
                            + en.busyWattsPerAccelerator() + " W)");
                }
            }
            PlanRequest.OwnedInput o = pricing.owned();
            if (o != null) {
                pc.range("owned.usdPurchasePerAccelerator", o.usdPurchasePerAccelerator(), 0.0, 10_000_000.0, "USD", false)
                        .range("owned.amortisationYears", o.amortisationYears(), 0.1, 30.0, "years", false)
                        .range("owned.costOfCapitalFraction", o.costOfCapitalFraction(), 0.0, 1.0, "(fraction per year)", false)
                        .range("owned.powerUtilisationFraction", o.powerUtilisationFraction(), 0.0, 1.0, "(busy share)", false)
                        .range("owned.pue", o.pue(), 1.0, 5.0, "(facility ÷ IT power)", false)
                        .range("owned.usdPerKWh", o.usdPerKWh(), 0.0, 10.0, "USD per kWh", false)
                        .range("owned.usdHostingPerAcceleratorMonth", o.usdHostingPerAcceleratorMonth(), 0.0, 1_000_000.0, "USD", false)
                        .range("owned.usdOperationsPerMonth", o.usdOperationsPerMonth(), 0.0, 100_000_000.0, "USD", false);
            }
            pc.errors().forEach(e -> c.fail(e.field(), e.message()));
        }
        io.inferplan.plan.technique.TechniqueValidation.check(r, catalog, c);
        c.throwIfAny();
    }

    static int orOne(Integer v) {
        return v == null ? 1 : v;
    }

    private static void known(FieldChecks c, String field, String id, Map<String, ?> entries, boolean required) {
        if (id == null || id.isBlank()) {
            if (required) {
                c.fail(field, "is required; for example " + String.join(", ", new ArrayList<>(entries.keySet()).subList(0,
                        Math.min(3, entries.size()))));
            }
            return;
        }
        if (!entries.containsKey(id)) {
            c.fail(field, "unknown id '" + shorten(id) + "'; nearest valid ids: "
                    + String.join(", ", NearestIds.of(id, new ArrayList<>(entries.keySet()))));
        }
    }

    private static String shorten(String id) {
        return id.length() > 80 ? id.substring(0, 80) + "…" : id;
    }
}
