package io.inferplan.engine.energy;

/**
 * The power draw of a deployment's hardware, the inputs of {@link EnergyModel}.
 *
 * @param idleWattsPerAccelerator draw of one accelerator holding the model and running nothing, W
 * @param busyWattsPerAccelerator draw of one accelerator while it runs steps (the datasheet TDP or board power), W
 * @param hostWattsPerNode        CPUs, memory, fans, NICs and switches of one server, W (0 when unknown)
 * @param acceleratorsPerNode     accelerators one server holds (sets the number of nodes)
 * @param pue                     power usage effectiveness: facility power ÷ IT power (≥ 1)
 */
public record PowerProfile(double idleWattsPerAccelerator, double busyWattsPerAccelerator, double hostWattsPerNode,
                           int acceleratorsPerNode, double pue) {

    public PowerProfile {
        require(idleWattsPerAccelerator >= 0 && Double.isFinite(idleWattsPerAccelerator), "idleWattsPerAccelerator",
                "must be a finite number of watts >= 0");
        require(busyWattsPerAccelerator >= idleWattsPerAccelerator && Double.isFinite(busyWattsPerAccelerator),
                "busyWattsPerAccelerator", "must be finite and at least idleWattsPerAccelerator (" + idleWattsPerAccelerator + " W)");
        require(hostWattsPerNode >= 0 && Double.isFinite(hostWattsPerNode), "hostWattsPerNode", "must be a finite number of watts >= 0");
        require(acceleratorsPerNode >= 1, "acceleratorsPerNode", "must be >= 1");
        require(pue >= 1 && pue <= 5, "pue", "must be between 1 and 5");
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new IllegalArgumentException(field + ": " + message);
        }
    }
}
