package io.inferplan.engine.day;

/**
 * How a fleet's replica-hours are bought: {@code reservedReplicas} reserved (paid every hour, used or not — they stay
 * on, the autoscaler's floor), then up to {@code spotReplicas} spot replicas above them (the cheaper kind first),
 * then on-demand for the rest. Prices are per replica-hour (accelerator-hour price × accelerators per replica).
 */
public record PurchaseMix(int reservedReplicas, int spotReplicas) {

    public PurchaseMix {
        if (reservedReplicas < 0 || spotReplicas < 0) {
            throw new IllegalArgumentException("reservedReplicas, spotReplicas: must be >= 0");
        }
    }

    /** Replica-hours of one stretch by purchase type. */
    public record Split(double reservedReplicaHours, double onDemandReplicaHours, double spotReplicaHours) {

        public Split plus(Split o) {
            return new Split(reservedReplicaHours + o.reservedReplicaHours, onDemandReplicaHours + o.onDemandReplicaHours,
                    spotReplicaHours + o.spotReplicaHours);
        }

        public static final Split NONE = new Split(0, 0, 0);
    }

    /**
     * One stretch: reserved = reservedReplicas × hours (paid whether they run or not); above them spot =
     * min(spotReplicas, paid − reserved) and on-demand = the rest, × hours.
     */
    public Split split(ScalingTimeline.Segment s) {
        double hours = s.hours();
        int above = Math.max(0, s.paid() - reservedReplicas);
        int spot = Math.min(spotReplicas, above);
        return new Split(reservedReplicas * hours, (above - spot) * hours, spot * hours);
    }

    /** Spot replicas running in a stretch (those that can be interrupted). */
    public int spotRunning(ScalingTimeline.Segment s) {
        return Math.min(spotReplicas, Math.max(0, s.paid() - reservedReplicas));
    }

    /** One hour's split: the sum over its stretches. */
    public Split split(ScalingTimeline.Hour h) {
        Split total = Split.NONE;
        for (ScalingTimeline.Segment s : h.segments()) {
            total = total.plus(split(s));
        }
        return total;
    }

    /** Reserved replica-hours the traffic did not need in an hour: max(0, reserved − needed) × 1 h. */
    public double idleReservedReplicaHours(int neededReplicas) {
        return Math.max(0, reservedReplicas - neededReplicas);
    }
}
