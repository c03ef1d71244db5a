package io.inferplan.engine.energy;

/**
 * Energy and carbon of a deployment, from its power draw and the share of time its accelerators are busy.
 *
 * <p>Facility power = ((idle + busyShare × (busy − idle)) × accelerators + host × nodes) × PUE, the linear
 * idle-to-busy model of server power (as in SPECpower-style and Cloud Carbon Footprint estimates: draw rises in
 * proportion to utilisation from idle to full load). Energy per output token = facility power ÷ output tokens per
 * second. Carbon = energy × the grid's intensity.
 */
public final class EnergyModel {

    private static final double JOULES_PER_KWH = 3.6e6;
    private static final double MILLION = 1e6;

    private EnergyModel() {
    }

    /**
     * The energy of one deployment.
     *
     * @param acceleratorCount      accelerators in the deployment
     * @param busyShareFraction     share of time the accelerators run steps (0..1): the analytic engine's
     *                              utilisation today, the simulator's step occupancy later
     * @param outputTokensPerSecond output tokens the deployment delivers per second at that busy share
     */
    public static EnergyEstimate estimate(PowerProfile p, int acceleratorCount, double busyShareFraction,
                                          double outputTokensPerSecond) {
        if (acceleratorCount < 1) {
            throw new IllegalArgumentException("acceleratorCount: must be >= 1");
        }
        if (!(busyShareFraction >= 0 && busyShareFraction <= 1)) {
            throw new IllegalArgumentException("busyShareFraction: must be in [0, 1], was " + busyShareFraction);
        }
        int nodes = nodes(acceleratorCount, p.acceleratorsPerNode());
        double acceleratorWatts = acceleratorWatts(p, busyShareFraction) * acceleratorCount;
        double hostWatts = p.hostWattsPerNode() * nodes;
        double facilityWatts = (acceleratorWatts + hostWatts) * p.pue();
        double joules = joulesPerToken(facilityWatts, outputTokensPerSecond);
        return new EnergyEstimate(nodes, busyShareFraction, acceleratorWatts, hostWatts, facilityWatts,
                facilityWatts / 1000.0, joules, kWhPerMillionTokens(joules));
    }

    /** One accelerator's mean draw: idle + busyShare × (busy − idle), W. */
    public static double acceleratorWatts(PowerProfile p, double busyShareFraction) {
        return p.idleWattsPerAccelerator() + busyShareFraction * (p.busyWattsPerAccelerator() - p.idleWattsPerAccelerator());
    }

    /** Servers needed: ceil(accelerators ÷ accelerators per node). */
    public static int nodes(int acceleratorCount, int acceleratorsPerNode) {
        return (acceleratorCount + acceleratorsPerNode - 1) / acceleratorsPerNode;
    }

    /** J per token = W ÷ (tokens/s); NaN when nothing is delivered. */
    public static double joulesPerToken(double watts, double tokensPerSecond) {
        return tokensPerSecond > 0 ? watts / tokensPerSecond : Double.NaN;
    }

    /** kWh per million tokens = J per token × 10^6 ÷ 3.6 × 10^6 J/kWh (numerically J per token ÷ 3.6). */
    public static double kWhPerMillionTokens(double joulesPerToken) {
        return joulesPerToken * MILLION / JOULES_PER_KWH;
    }

    /** gCO2e per million tokens = kWh per million tokens × grid intensity (gCO2e/kWh). */
    public static double gCo2ePerMillionTokens(double kWhPerMillionTokens, double gridGCo2ePerKWh) {
        if (!(gridGCo2ePerKWh >= 0)) {
            throw new IllegalArgumentException("gridGCo2ePerKWh: must be >= 0");
        }
        return kWhPerMillionTokens * gridGCo2ePerKWh;
    }
}
