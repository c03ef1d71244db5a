package io.inferplan.engine.speed;

import io.inferplan.engine.spec.Architecture;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A named set of fitted efficiency parameters (data, not code) with the measurement rows they came from and the
 * residual bands measured by leave-one-source-out validation.
 *
 * <p>Each quantity is a shared value plus additive offsets per framework, hardware class, format family and
 * framework × hardware pair, in a transformed space (logit for fractions, log for seconds). A level with no data
 * contributes 0, which is the shrinkage target: an uncalibrated combination gets the shared value.
 *
 * @param name             profile name ("default" for the shipped fit)
 * @param fittedOn         ISO date of the fit
 * @param rowIds           measurement row ids used in the fit
 * @param parameters       parameter name → value in transformed space (see {@link Quantity})
 * @param rowCounts        level name ("fw.vllm", "hw.nvidia_hopper", "fmt.fp8", "pair.vllm|nvidia_hopper") → rows
 * @param bands            "calibrated.throughput" etc. → {low, high} multiplicative factors (measured ÷ predicted
 *                         10th and 90th percentile)
 */
public record EfficiencyProfile(String name, String fittedOn, List<String> rowIds, Map<String, Double> parameters,
                                Map<String, Integer> rowCounts, Map<String, double[]> bands) {

    /** Metric groups that carry separate residual bands. */
    public enum MetricGroup { THROUGHPUT, TTFT, TPOT }

    /** A fitted quantity, its levels and its transform. */
    public enum Quantity {
        BANDWIDTH("bw", true, true, true, true, true, 0.7),
        DECODE_COMPUTE("dc", true, true, true, true, false, 0.5),
        PREFILL_COMPUTE("pc", true, true, true, true, false, 0.5),
        STEP_OVERHEAD("step", false, true, true, false, false, 0.003),
        REQUEST_OVERHEAD("req", false, true, false, false, false, 0.005),
        ALLREDUCE_NVLINK("arNv", false, false, false, false, false, 10e-6),
        ALLREDUCE_PCIE("arPcie", false, false, false, false, false, 40e-6),
        LINK("link", true, false, true, false, false, 0.6),
        SUBSTITUTE_FLOPS_PER_BYTE("subFlops", false, false, true, false, false, 30),
        SEQUENCE_OVERHEAD("seq", false, true, false, false, false, 20e-6),
        LINK_PCIE("linkPcie", true, false, true, false, false, 0.5),
        EAGER_LAYER_OVERHEAD("eager", false, true, false, false, false, 30e-6),
        SERVING_TOKEN_OVERHEAD("serve", false, true, false, false, false, 20e-6);

        public final String key;
        /** Fractions in (0,1) live in logit space; the rest in log space. */
        public final boolean fraction;
        public final boolean byFramework;
        public final boolean byHardware;
        public final boolean byFormat;
        public final boolean byPair;
        /** Starting / prior value in natural units. */
        public final double prior;

        Quantity(String key, boolean fraction, boolean fw, boolean hw, boolean fmt, boolean pair, double prior) {
            this.key = key;
            this.fraction = fraction;
            this.byFramework = fw;
            this.byHardware = hw;
            this.byFormat = fmt;
            this.byPair = pair;
            this.prior = prior;
        }

        public double toNatural(double z) {
            return fraction ? 1.0 / (1.0 + Math.exp(-z)) : Math.exp(z);
        }

        public double fromNatural(double v) {
            return fraction ? Math.log(v / (1 - v)) : Math.log(v);
        }

        public String global() {
            return key + ".global";
        }

        /** The parameter names that add up to this quantity for one combination (global first). */
        public String[] names(String fw, String hw, String fmt) {
            String[] out = new String[5];
            int n = 0;
            out[n++] = global();
            if (byFramework) {
                out[n++] = key + ".fw." + fw;
            }
            if (byHardware) {
                out[n++] = key + ".hw." + hw;
            }
            if (byFormat) {
                out[n++] = key + ".fmt." + fmt;
            }
            if (byPair) {
                out[n++] = key + ".pair." + fw + "|" + hw;
            }
            return java.util.Arrays.copyOf(out, n);
        }
    }

    public EfficiencyProfile {
        rowIds = List.copyOf(rowIds);
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        rowCounts = Collections.unmodifiableMap(new LinkedHashMap<>(rowCounts));
        bands = Collections.unmodifiableMap(new LinkedHashMap<>(bands));
    }

    public static String hardwareKey(Architecture a) {
        return a.name().toLowerCase(Locale.ROOT);
    }

    /** Value of one quantity for a combination, natural units. */
    public double value(Quantity q, String fw, String hw, String fmt) {
        double z = 0;
        boolean any = false;
        for (String n : q.names(fw, hw, fmt)) {
            Double v = parameters.get(n);
            if (v != null) {
                z += v;
                any = any || n.endsWith(".global");
            }
        }
        return any ? q.toNatural(z) : q.prior;
    }

    /** All fitted efficiencies for a framework id, hardware class and format family. */
    public Efficiency resolve(String fw, Architecture hardware, FormatClass format) {
        String hw = hardwareKey(hardware);
        String fmt = format.key();
        Quantity[] qs = Quantity.values();
        double[] v = new double[qs.length];
        for (Quantity q : qs) {
            v[q.ordinal()] = value(q, fw, hw, fmt);
        }
        return Efficiency.of(v); // Quantity's order is Efficiency's field order
    }

    /** Whether this framework × hardware class had rows in the fit. */
    public boolean calibrated(String fw, Architecture hardware) {
        return rowCounts.getOrDefault("pair." + fw + "|" + hardwareKey(hardware), 0) > 0;
    }

    /** Human-readable origin of the efficiencies used for a combination. */
    public String provenance(String fw, Architecture hardware, FormatClass format) {
        String hw = hardwareKey(hardware);
        int pair = rowCounts.getOrDefault("pair." + fw + "|" + hw, 0);
        int nfw = rowCounts.getOrDefault("fw." + fw, 0);
        int nhw = rowCounts.getOrDefault("hw." + hw, 0);
        int nfmt = rowCounts.getOrDefault("fmt." + format.key(), 0);
        StringBuilder sb = new StringBuilder("profile '").append(name).append("' fitted ").append(fittedOn)
                .append(" on ").append(rowIds.size()).append(" rows; ");
        if (pair > 0) {
            sb.append("calibrated on ").append(fw).append(" × ").append(hw).append(" (").append(pair).append(" rows)");
        } else {
            sb.append("not calibrated on ").append(fw).append(" × ").append(hw).append(": carried over from ");
            sb.append(nfw > 0 ? fw + " on other hardware (" + nfw + " rows)" : "shared framework values");
            sb.append(" and ");
            sb.append(nhw > 0 ? hw + " under other frameworks (" + nhw + " rows)" : "shared hardware values");
        }
        sb.append("; format family ").append(format.key());
        sb.append(nfmt > 0 ? " (" + nfmt + " rows)" : " (uncalibrated: shared values)");
        return sb.toString();
    }

    /** Multiplicative {low, high} factors for a metric group; wider for an uncalibrated pair. */
    public double[] band(MetricGroup group, boolean calibratedPair) {
        String key = (calibratedPair ? "calibrated." : "uncalibrated.") + group.name().toLowerCase(Locale.ROOT);
        double[] b = bands.get(key);
        if (b != null) {
            return b;
        }
        return calibratedPair ? new double[] {0.7, 1.4} : new double[] {0.5, 2.0};
    }

    /** The priors only: what the engine does before any fit (used as the fit's starting point). */
    public static EfficiencyProfile priors() {
        Map<String, Double> p = new LinkedHashMap<>();
        for (Quantity q : Quantity.values()) {
            p.put(q.global(), q.fromNatural(q.prior));
        }
        return new EfficiencyProfile("priors", "n/a", List.of(), p, Map.of(), Map.of());
    }

    public EfficiencyProfile withBands(Map<String, double[]> newBands) {
        return new EfficiencyProfile(name, fittedOn, rowIds, parameters, rowCounts, newBands);
    }

    public EfficiencyProfile named(String newName) {
        return new EfficiencyProfile(newName, fittedOn, rowIds, parameters, rowCounts, bands);
    }
}
