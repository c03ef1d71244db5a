package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.spec.FormatSupport;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.NumberFormatSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a combination can run at all (engine.md "Honesty": say so instead of computing a number). Returns the
 * reason, with its source, when it cannot; user errors are not exceptions. Checked in this order:
 * <ol>
 * <li>the framework runs on the accelerator's vendor ({@link FrameworkSpec#hardwareVendors()}; TensorRT-LLM on
 *     NVIDIA only);</li>
 * <li>for the weight format and then the KV format: the support table ({@link NumberFormatSpec#support()}). When the
 *     framework has cells for the format, the most specific cell covering the accelerator decides
 *     ({@link FormatSupport#decide}); a framework with cells but none covering this hardware is "not documented"
 *     there, and that is the refusal;</li>
 * <li>a format without cells for the framework (a custom catalog entry) falls back to its own columns: the
 *     frameworks that load it and its hardware need (NVFP4 needs Blackwell, FP8 needs Ada/Hopper or newer,
 *     NVIDIA-only formats need NVIDIA).</li>
 * </ol>
 * A cell marked {@link FormatSupport.Status#WEIGHT_ONLY} runs; {@link #notes} says how, for the answer's warnings.
 */
public final class Compatibility {

    private Compatibility() {
    }

    public static Optional<String> check(MemoryInput in) {
        return check(in.weightFormat(), kvOf(in), in.accelerator(), in.framework());
    }

    public static Optional<String> check(NumberFormatSpec weightFormat, NumberFormatSpec kvCacheFormat,
                                         AcceleratorSpec accelerator, FrameworkSpec framework) {
        Architecture.Vendor vendor = accelerator.architecture().vendor();
        String fw = framework.id();
        if (fw.toLowerCase(Locale.ROOT).startsWith("tensorrt") && vendor != Architecture.Vendor.NVIDIA) {
            return Optional.of(fw + " runs on NVIDIA GPUs only; " + accelerator.id() + " is " + vendor + source(framework));
        }
        if (!framework.hardwareVendors().contains(vendor)) {
            return Optional.of(fw + " does not run on " + vendor + " hardware (" + accelerator.id() + "); it supports "
                    + framework.hardwareVendors() + source(framework));
        }
        Optional<String> r = formatReason("weight format", weightFormat, accelerator, fw);
        if (r.isPresent()) {
            return r;
        }
        return kvCacheFormat == null ? Optional.empty() : formatReason("KV-cache format", kvCacheFormat, accelerator, fw);
    }

    /**
     * How the formats run when the table says they run with a caveat (weight-only kernels) or with a documented
     * mechanism worth showing: one line per format, each with its source. Empty for an incompatible combination.
     */
    public static List<String> notes(MemoryInput in) {
        List<String> out = new ArrayList<>();
        if (check(in).isPresent()) {
            return out;
        }
        note("weight format", in.weightFormat(), in.accelerator(), in.framework().id()).ifPresent(out::add);
        note("KV-cache format", kvOf(in), in.accelerator(), in.framework().id()).ifPresent(out::add);
        return out;
    }

    private static String source(FrameworkSpec framework) {
        return framework.sourceUrl() == null ? "" : " (source: " + framework.sourceUrl() + ")";
    }

    private static NumberFormatSpec kvOf(MemoryInput in) {
        return in.kvCacheFormat() == null ? KvCacheModel.MODEL_DTYPE : in.kvCacheFormat();
    }

    private static Optional<String> note(String what, NumberFormatSpec f, AcceleratorSpec acc, String fw) {
        return FormatSupport.decide(f.support(), fw, acc)
                .filter(c -> c.status() == FormatSupport.Status.WEIGHT_ONLY)
                .map(c -> what + " " + f.id() + " runs weight-only on " + acc.id() + " with " + fw + ": " + c.note()
                        + " (source: " + c.sourceUrl() + ")");
    }

    private static Optional<String> formatReason(String what, NumberFormatSpec f, AcceleratorSpec acc, String fw) {
        if (f.hasSupportCells(fw)) {
            return tableReason(what, f, acc, fw);
        }
        if (!f.frameworks().isEmpty() && !f.frameworks().contains(fw)) {
            // sorted: the set iterates in an order that changes from one JVM to the next (the page would too)
            return Optional.of(what + " " + f.id() + " is not loadable by " + fw + " (loaded by "
                    + new java.util.TreeSet<>(f.frameworks()) + ")");
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

    /** A cell's hardware selector for people: "NVIDIA Blackwell", "any AMD", "rtx-5090". */
    static String describe(String selector) {
        if (selector.equals(FormatSupport.ANY)) {
            return "any hardware";
        }
        for (Architecture a : Architecture.values()) {
            if (a.key().equals(selector)) {
                return a.displayName();
            }
        }
        for (Architecture.Vendor v : Architecture.Vendor.values()) {
            if (v.name().equalsIgnoreCase(selector)) {
                return "any " + v.label();
            }
        }
        return selector;
    }

    private static Optional<String> tableReason(String what, NumberFormatSpec f, AcceleratorSpec acc, String fw) {
        Optional<FormatSupport> cell = FormatSupport.decide(f.support(), fw, acc);
        String where = cell.isPresent() && cell.get().status().runs() ? null
                : acc.id() + " (" + acc.architecture().displayName() + ")";
        if (cell.isEmpty()) {
            List<String> documented = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            for (FormatSupport c : f.support()) {
                if (c.framework().equals(fw) && c.status().runs()) {
                    documented.add(describe(c.hardware()));
                }
                if (c.framework().equals(fw) && !sources.contains(c.sourceUrl())) {
                    sources.add(c.sourceUrl());
                }
            }
            return Optional.of(what + " " + f.id() + " with " + fw + " is not documented to run on " + where
                    + "; documented on " + (documented.isEmpty() ? "no hardware" : String.join(", ", documented))
                    + " (source: " + String.join(" ; ", sources) + ")");
        }
        FormatSupport c = cell.get();
        if (c.status().runs()) {
            return Optional.empty();
        }
        return Optional.of(what + " " + f.id() + " is not supported by " + fw + " on " + where + ": " + c.note()
                + " (source: " + c.sourceUrl() + ")");
    }
}
