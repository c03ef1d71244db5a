package io.inferplan.engine.energy;

/**
 * What {@link EnergyModel#estimate} answers for one deployment.
 *
 * @param nodes                     servers the accelerators occupy
 * @param busyShareFraction         share of time the accelerators ran steps (the input)
 * @param acceleratorWatts          mean draw of all accelerators, W (IT side)
 * @param hostWatts                 host power of all nodes, W (IT side)
 * @param facilityWatts             (accelerators + hosts) × PUE, W
 * @param kWhPerHour                facility energy of one hour, kWh
 * @param joulesPerOutputToken      facility energy per delivered output token, J (NaN when none is delivered)
 * @param kWhPerMillionOutputTokens the same per million output tokens, kWh
 */
public record EnergyEstimate(int nodes, double busyShareFraction, double acceleratorWatts, double hostWatts,
                             double facilityWatts, double kWhPerHour, double joulesPerOutputToken,
                             double kWhPerMillionOutputTokens) {
}
