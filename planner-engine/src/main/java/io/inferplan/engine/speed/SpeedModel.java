package io.inferplan.engine.speed;

import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.speed.analytic.AnalyticModel;

import java.util.ArrayList;
import java.util.List;

/**
 * The speed model's entry point. Under load (fixed concurrency, arrival rate, an offline run of N requests) the
 * answer comes from the step-level simulator of the framework's scheduler ({@link SimulatedPath}); one request
 * alone and an unbounded offline run come from the closed-form analytic path ({@link AnalyticModel}), which is also
 * the screening path of the optimizer. Both call the same step physics ({@code physics.StepPhysics}).
 */
public final class SpeedModel {

    private SpeedModel() {
    }

    /**
     * The production path: the memory model evaluates the plan (parallelism, resolved serving setup, KV budget),
     * then the speed model answers for it. An incompatible combination answers with its reason.
     */
    public static PerformanceEstimate predict(MemoryInput in, EfficiencyProfile profile) {
        java.util.Optional<String> reason = MemoryModel.incompatibility(in);
        if (reason.isPresent()) {
            return unsupportedEstimate(in.parallelism() == null ? 0 : in.parallelism().acceleratorCount(),
                    reason.get());
        }
        return predict(SpeedInput.from(in, MemoryModel.evaluate(in)), profile);
    }

    /** Full answer with bands and provenance (simulated under load). */
    public static PerformanceEstimate predict(SpeedInput in, EfficiencyProfile profile) {
        return predict(in, profile, true);
    }

    /**
     * Full answer with bands and provenance; {@code simulate = false} answers from the analytic path only (the
     * optimizer's screening pass: means, no percentiles under load).
     */
    public static PerformanceEstimate predict(SpeedInput in, EfficiencyProfile profile, boolean simulate) {
        Efficiency e = efficiency(in, profile);
        return estimate(in, profile, simulate ? evaluate(in, e) : analytic(in, e, true));
    }

    /** The fitted efficiencies a plan runs with (framework × hardware class × format family). */
    public static Efficiency efficiency(SpeedInput in, EfficiencyProfile profile) {
        return profile.resolve(in.framework().id(), in.accelerator().architecture(), FormatClass.of(in.weightFormat()));
    }

    /**
     * The full answer (error bands, provenance, calibration warnings) around a point prediction made for {@code in},
     * by this model or by a serving technique's path on the same physics.
     */
    public static PerformanceEstimate estimate(SpeedInput in, EfficiencyProfile profile, RawPrediction r) {
        String fw = in.framework().id();
        Architecture hw = in.accelerator().architecture();
        FormatClass fc = FormatClass.of(in.weightFormat());
        if (!r.supported()) {
            return unsupportedEstimate(in.acceleratorCount(), r.unsupportedReason());
        }
        boolean cal = profile.calibrated(fw, hw);
        String provenance = profile.provenance(fw, hw, fc);
        List<String> warnings = new ArrayList<>(r.warnings());
        if (!cal) {
            warnings.add("framework × hardware pair " + fw + " × " + EfficiencyProfile.hardwareKey(hw)
                    + " is not calibrated: wider range; post measurements to recalibrate");
        }
        if (r.flopsSubstituted()) {
            provenance += "; no datasheet FLOPS for " + in.accelerator().id()
                    + ": effective FLOP/s = fitted FLOP-per-byte × memory bandwidth";
        }
        double[] th = profile.band(EfficiencyProfile.MetricGroup.THROUGHPUT, cal);
        double[] tt = profile.band(EfficiencyProfile.MetricGroup.TTFT, cal);
        double[] tp = profile.band(EfficiencyProfile.MetricGroup.TPOT, cal);
        Percentiles ttft = r.ttft().times(1000);
        Percentiles tpot = r.tpot().times(1000);
        PerformanceEstimate.QueueingEstimate q = null;
        if (in.workload().mode() == WorkloadMode.ARRIVAL_RATE) {
            q = new PerformanceEstimate.QueueingEstimate(r.queueingModel(), r.utilisationFraction(),
                    r.exceedsCapacity(), r.meanQueueWaitSeconds() * 1000);
        }
        return new PerformanceEstimate(in.acceleratorCount(), r.batchSize(),
                ttft, ttft.mean() * tt[0], ttft.mean() * tt[1],
                tpot, tpot.mean() * tp[0], tpot.mean() * tp[1],
                r.e2eLatency().times(1000), r.interTokenLatency().times(1000),
                r.prefillTokensPerSecond(), r.outputTokensPerSecondPerRequest(),
                r.outputTokensPerSecond(), r.outputTokensPerSecond() * th[0], r.outputTokensPerSecond() * th[1],
                r.requestsPerSecond(), r.saturatedOutputTokensPerSecond(), q, r.simulation(), r.schedulerCap(),
                r.kvCap(), provenance, null, warnings);
    }

    private static PerformanceEstimate unsupportedEstimate(int accelerators, String reason) {
        double n = Double.NaN;
        Percentiles p = Percentiles.NONE;
        return new PerformanceEstimate(accelerators, n, p, n, n, p, n, n, p, p, n, n, n, n, n, n, n, null, null, 0, 0,
                "n/a", reason, List.of(reason));
    }

    /** The product's point prediction for one efficiency set: simulated under load, analytic otherwise. */
    public static RawPrediction evaluate(SpeedInput in, Efficiency e) {
        return evaluate(in, e, true);
    }

    /** As {@link #evaluate(SpeedInput, Efficiency)}; {@code withWarnings = false} skips building warning text. */
    public static RawPrediction evaluate(SpeedInput in, Efficiency e, boolean withWarnings) {
        String reason = unsupportedReason(in);
        if (reason != null) {
            return RawPrediction.unsupported(reason);
        }
        ReplicaSetup rs = ReplicaSetup.of(in, e, withWarnings);
        RawPrediction analytic = AnalyticModel.evaluate(rs);
        return SimulatedPath.evaluate(rs, analytic);
    }

    /** The closed-form fast path only (screening, sweeps, the calibration's surrogate). */
    public static RawPrediction analytic(SpeedInput in, Efficiency e, boolean withWarnings) {
        String reason = unsupportedReason(in);
        if (reason != null) {
            return RawPrediction.unsupported(reason);
        }
        return AnalyticModel.evaluate(ReplicaSetup.of(in, e, withWarnings));
    }

    /** Why a combination cannot run, or null (engine.md "Honesty": say so instead of computing a number). */
    public static String unsupportedReason(SpeedInput in) {
        AcceleratorSpec acc = in.accelerator();
        FrameworkSpec fw = in.framework();
        Architecture.Vendor vendor = acc.architecture().vendor();
        if (!fw.hardwareVendors().isEmpty() && !fw.hardwareVendors().contains(vendor)) {
            return fw.id() + " does not run on " + vendor + " hardware";
        }
        NumberFormatSpec w = in.weightFormat();
        if (!w.frameworks().isEmpty() && !w.frameworks().contains(fw.id())) {
            return "weight format " + w.id() + " is not loaded by " + fw.id();
        }
        switch (w.needs()) {
            case NATIVE_NVFP4:
                if (!acc.architecture().hasNativeNvfp4()) {
                    return w.id() + " needs NVIDIA Blackwell FP4 tensor cores; " + acc.id() + " has none";
                }
                break;
            case NVIDIA_ONLY:
                if (vendor != Architecture.Vendor.NVIDIA) {
                    return w.id() + " runs on NVIDIA GPUs only";
                }
                break;
            case NATIVE_FP8:
                if (!acc.architecture().hasNativeFp8() && !weightOnlyFp8Fallback(fw.id())) {
                    return w.id() + " needs native FP8 (Ada/Hopper or newer, MI300); " + acc.id() + " has none";
                }
                break;
            default:
                break;
        }
        if (in.kvFormat().needs() == NumberFormatSpec.HardwareNeed.NATIVE_FP8 && !acc.architecture().hasNativeFp8()
                && !weightOnlyFp8Fallback(fw.id())) {
            return "KV format " + in.kvFormat().id() + " needs native FP8 on " + fw.id();
        }
        if (in.memory() != null) {
            return in.memory().fits() ? null : "does not fit in memory on " + in.acceleratorCount() + " × "
                    + acc.id() + " (see the memory answer)";
        }
        double weights = KvBudget.weightBytesPerAccelerator(in.model(), w, in.acceleratorsPerReplica());
        if (weights > KvBudget.usableBytes(acc.memoryBytes())) {
            return String.format(java.util.Locale.ROOT, "weights need %.1f GB per accelerator, %s has %.1f GB",
                    weights / 1e9, acc.id(), acc.memoryBytes() / 1e9);
        }
        return null;
    }

    /** vLLM and SGLang run FP8 checkpoints weight-only (W8A16 Marlin) on GPUs without FP8 math. */
    private static boolean weightOnlyFp8Fallback(String fw) {
        return "vllm".equals(fw) || "sglang".equals(fw);
    }
}
