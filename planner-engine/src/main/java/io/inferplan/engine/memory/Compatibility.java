package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.NumberFormatSpec;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a combination can run at all (engine.md "Honesty": say so instead of computing a number). Returns the
 * reason when it cannot; user errors are not exceptions. Checked in this order:
 * <ol>
 * <li>TensorRT-LLM needs NVIDIA hardware;</li>
 * <li>the framework runs on the accelerator's vendor ({@link FrameworkSpec#hardwareVendors()});</li>
 * <li>the framework loads the weight format and the KV format ({@link NumberFormatSpec#frameworks()}; an empty set
 *     means "not recorded" and is not a refusal);</li>
 * <li>the formats' hardware needs: NVFP4 needs Blackwell ({@link Architecture#hasNativeNvfp4()}), FP8 needs Ada/Hopper
 *     or newer ({@link Architecture#hasNativeFp8()}), NVIDIA-only formats need NVIDIA.</li>
 * </ol>
 */
public final class Compatibility {

    private Compatibility() {
    }

    public static Optional<String> check(MemoryInput in) {
        NumberFormatSpec kv = in.kvCacheFormat() == null ? KvCacheModel.MODEL_DTYPE : in.kvCacheFormat();
        return check(in.weightFormat(), kv, in.accelerator(), in.framework());
    }

    public static Optional<String> check(NumberFormatSpec weightFormat, NumberFormatSpec kvCacheFormat,
                                         AcceleratorSpec accelerator, FrameworkSpec framework) {
        Architecture arch = accelerator.architecture();
        Architecture.Vendor vendor = arch.vendor();
        String fw = framework.id();
        if (fw.toLowerCase(Locale.ROOT).startsWith("tensorrt") && vendor != Architecture.Vendor.NVIDIA) {
            return Optional.of(fw + " runs on NVIDIA GPUs only; " + accelerator.id() + " is " + vendor);
        }
        if (!framework.hardwareVendors().contains(vendor)) {
            return Optional.of(fw + " does not run on " + vendor + " hardware (" + accelerator.id() + "); it supports "
                    + framework.hardwareVendors());
        }
        Optional<String> r = formatReason("weight format", weightFormat, accelerator, fw);
        if (r.isPresent()) {
            return r;
        }
        return kvCacheFormat == null ? Optional.empty() : formatReason("KV-cache format", kvCacheFormat, accelerator, fw);
    }

    private static Optional<String> formatReason(String what, NumberFormatSpec f, AcceleratorSpec acc, String fw) {
        if (!f.frameworks().isEmpty() && !f.frameworks().contains(fw)) {
            return Optional.of(what + " " + f.id() + " is not loadable by " + fw + " (loaded by " + f.frameworks() + ")");
        }
        Architecture arch = acc.architecture();
        return switch (f.needs()) {
            case ANY -> Optional.empty();
            case NATIVE_NVFP4 -> arch.hasNativeNvfp4() ? Optional.empty()
                    : Optional.of(what + " " + f.id() + " needs NVIDIA Blackwell FP4 tensor cores; " + acc.id()
                    + " is " + arch);
            case NATIVE_FP8 -> arch.hasNativeFp8() ? Optional.empty()
                    : Optional.of(what + " " + f.id() + " needs native FP8 (NVIDIA Ada/Hopper or newer, AMD CDNA3+); "
                    + acc.id() + " is " + arch);
            case NVIDIA_ONLY -> arch.vendor() == Architecture.Vendor.NVIDIA ? Optional.empty()
                    : Optional.of(what + " " + f.id() + " needs an NVIDIA GPU; " + acc.id() + " is " + arch.vendor());
        };
    }
}
