package io.inferplan.plan.evaluate;

import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.memory.ContextWindow;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.HostMemory;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.RopeScaling;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.EngineSpecs;

import java.util.List;
import java.util.Locale;

/**
 * What a plan's request changes about the catalog's hardware and model before the engine sees them: the host RAM of
 * a CPU (or the memory of a unified-memory SoC's configuration), and a rope-scaled context window. Refusals name the
 * field: 400 for a value outside what the platform takes, 422 for a combination that cannot be planned.
 */
final class PlanHardware {

    private PlanHardware() {
    }

    /** The accelerator as this plan runs it, with its host block applied. */
    static AcceleratorSpec accelerator(CatalogSnapshot.Entry<AcceleratorRow, AcceleratorSpec> entry,
                                       PlanRequest.HostInput host) {
        AcceleratorRow row = entry.row();
        if (row.hostMemory()) {
            if (host == null || host.hostMemoryGB() == null) {
                throw PlanService.cannotRun(EngineSpecs.hostMemoryNeeded(row), "host.hostMemoryGB");
            }
            requireAtMost("host.hostMemoryGB", host.hostMemoryGB(), row.maxMemoryGB(), "GB the platform takes per socket");
            requireAtMost("host.memoryChannels", host.memoryChannels() == null ? null : host.memoryChannels().doubleValue(),
                    row.memoryChannels() == null ? null : row.memoryChannels().doubleValue(), "memory channels per socket");
            requireAtMost("host.memoryTransferRateMTps", host.memoryTransferRateMTps(), row.memoryTransferRateMTps(),
                    "MT/s the platform runs its DIMMs at");
            Integer channels = host.memoryChannels() != null ? host.memoryChannels() : row.memoryChannels();
            Double rate = host.memoryTransferRateMTps() != null ? host.memoryTransferRateMTps() : row.memoryTransferRateMTps();
            if (channels == null || rate == null) {
                throw PlanService.cannotRun("accelerator " + row.id() + " has no sourced memory channels or DIMM speed: "
                        + "give host.memoryChannels and host.memoryTransferRateMTps", "host.memoryChannels");
            }
            return usable(EngineSpecs.accelerator(row, new HostMemory(host.hostMemoryGB(), channels, rate)), "accelerator");
        }
        AcceleratorSpec spec = usable(entry.mapped(), "accelerator");
        if (host == null) {
            return spec;
        }
        if (host.memoryChannels() != null || host.memoryTransferRateMTps() != null) {
            throw ProblemException.badRequest(host.memoryChannels() != null ? "host.memoryChannels" : "host.memoryTransferRateMTps",
                    "applies only to CPUs whose memory is host DIMMs; " + row.id() + " has fixed memory");
        }
        if (host.hostMemoryGB() != null && !row.unifiedMemory()) {
            throw ProblemException.badRequest("host.hostMemoryGB", "applies only to CPUs and unified-memory SoCs; "
                    + row.id() + " has " + row.memoryGB() + " GB of device memory");
        }
        if (host.hostMemoryGB() == null) {
            return spec;
        }
        requireAtMost("host.hostMemoryGB", host.hostMemoryGB(), row.memoryGB(), "GB of its largest configuration");
        return new AcceleratorSpec(spec.id(), spec.architecture(), host.hostMemoryGB() * 1e9,
                spec.memoryBandwidthBytesPerSecond(), spec.fp16FlopsPerSecond(), spec.fp8FlopsPerSecond(),
                spec.fp4FlopsPerSecond(), spec.int8OpsPerSecond(), spec.tdpWatts(), spec.interconnect(),
                spec.linkBandwidthBytesPerSecond(), spec.unifiedMemory());
    }

    /**
     * The model as served: with {@code serving.ropeScaling} its window stretched as the card documents; without it,
     * a request longer than the window is refused, pointing at the card's documented extension when there is one.
     */
    static ContextWindow.Resolved model(ModelSpec model, PlanRequest.ServingInput serving, int requestTokens) {
        PlanRequest.RopeScalingInput rope = serving == null ? null : serving.ropeScaling();
        ContextWindow.Resolved r = ContextWindow.resolve(model,
                rope == null ? null : new RopeScaling(rope.type(), rope.factor()));
        if (r.refusal() != null) {
            throw PlanService.cannotRun(r.refusal(), "serving.ropeScaling");
        }
        ModelSpec m = r.model();
        if (requestTokens > m.maxContextTokens()) {
            String why = "inputTokens + outputTokens = " + requestTokens + " exceeds the maximum context of " + m.id()
                    + " (" + m.maxContextTokens() + " tokens)";
            if (m.contextExtension() != null && rope == null && requestTokens <= m.contextExtension().maxContextTokens()) {
                double factor = Math.ceil(100.0 * requestTokens / m.contextExtension().originalContextTokens()) / 100.0;
                why += String.format(Locale.ROOT, "; its model card documents %s rope scaling up to %d tokens: set "
                                + "serving.ropeScaling {\"type\": \"%s\", \"factor\": %s}", m.contextExtension().method(),
                        m.contextExtension().maxContextTokens(), m.contextExtension().method(),
                        factor == Math.rint(factor) ? String.format(Locale.ROOT, "%.1f", factor) : Double.toString(factor));
            }
            throw PlanService.cannotRun(why, "workload.inputTokens");
        }
        return r;
    }

    private static void requireAtMost(String field, Double value, Double max, String what) {
        if (value != null && max != null && value > max + 1e-9) {
            throw ProblemException.badRequest(field, "must be at most " + (max == Math.rint(max) ? Long.toString(max.longValue())
                    : max.toString()) + " (the " + what + ")");
        }
    }

    private static <S> S usable(io.inferplan.plan.catalog.EngineSpecs.Mapped<S> mapped, String field) {
        if (!mapped.usable()) {
            throw ProblemException.unprocessable("Combination cannot be planned", mapped.unusableBecause(),
                    List.of(new FieldError(field, mapped.unusableBecause())));
        }
        return mapped.spec();
    }
}
