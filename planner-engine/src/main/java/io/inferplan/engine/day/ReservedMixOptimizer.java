package io.inferplan.engine.day;

import java.util.ArrayList;
import java.util.List;

/**
 * The cheapest split of a replica curve between reserved and on-demand capacity.
 *
 * <p>For each reserved count R from 0 to the curve's peak, the autoscaler is replayed with R as its floor and the
 * curve's cost is R × hours × reserved price + Σ on-demand replica-hours above R × on-demand price; the lowest wins
 * (the fewer reserved on a tie). Without cold starts and drains this is the classic rule: the k-th replica is worth
 * reserving while it is needed for more than a share (reserved price ÷ on-demand price) of the hours —
 * {@link #replicaUtilisation} lists that share for each k.
 */
public final class ReservedMixOptimizer {

    private ReservedMixOptimizer() {
    }

    /** The cost of the curve with {@code reservedReplicas} reserved and the rest on-demand, over the curve's hours. */
    public record Option(int reservedReplicas, double reservedReplicaHours, double onDemandReplicaHours, double usd) {
    }

    /**
     * @param best                      the cheapest option
     * @param options                   every reserved count tried, 0 to the peak
     * @param breakEvenUtilisationFraction reserved ÷ on-demand price: a replica needed a larger share of the hours is
     *                                  cheaper reserved
     * @param replicaUtilisationFractions element k−1: the share of hours the k-th replica runs with nothing reserved
     */
    public record Choice(Option best, List<Option> options, double breakEvenUtilisationFraction,
                         List<Double> replicaUtilisationFractions) {
    }

    /**
     * @param needed                     replicas the traffic needs each hour (no reserved floor)
     * @param maxReplicas                the autoscaler's cap (the floor never exceeds it)
     * @param usdPerReservedReplicaHour  reserved price per replica-hour
     * @param usdPerOnDemandReplicaHour  on-demand price per replica-hour
     */
    public static Choice cheapest(int[] needed, int maxReplicas, double scaleUpDelaySeconds, double scaleDownDelaySeconds,
                                  double usdPerReservedReplicaHour, double usdPerOnDemandReplicaHour) {
        if (!(usdPerReservedReplicaHour >= 0) || !(usdPerOnDemandReplicaHour > 0)) {
            throw new IllegalArgumentException("prices: reserved must be >= 0 and on-demand > 0 USD per replica-hour");
        }
        int peak = 0;
        for (int n : needed) {
            peak = Math.max(peak, n);
        }
        List<Option> options = new ArrayList<>();
        Option best = null;
        for (int r = 0; r <= Math.min(peak, maxReplicas); r++) {
            Option o = cost(needed, r, scaleUpDelaySeconds, scaleDownDelaySeconds, usdPerReservedReplicaHour,
                    usdPerOnDemandReplicaHour);
            options.add(o);
            if (best == null || o.usd() < best.usd() - 1e-9) {
                best = o;
            }
        }
        return new Choice(best, options, usdPerReservedReplicaHour / usdPerOnDemandReplicaHour,
                replicaUtilisation(ScalingTimeline.run(needed, scaleUpDelaySeconds, scaleDownDelaySeconds)));
    }

    /** The curve's cost with {@code reserved} replicas reserved (the autoscaler's floor) and the rest on-demand. */
    public static Option cost(int[] needed, int reserved, double scaleUpDelaySeconds, double scaleDownDelaySeconds,
                              double usdPerReservedReplicaHour, double usdPerOnDemandReplicaHour) {
        int[] desired = new int[needed.length];
        for (int h = 0; h < needed.length; h++) {
            desired[h] = Math.max(needed[h], reserved);
        }
        PurchaseMix mix = new PurchaseMix(reserved, 0);
        PurchaseMix.Split total = PurchaseMix.Split.NONE;
        for (ScalingTimeline.Hour h : ScalingTimeline.run(desired, scaleUpDelaySeconds, scaleDownDelaySeconds)) {
            total = total.plus(mix.split(h));
        }
        double usd = total.reservedReplicaHours() * usdPerReservedReplicaHour
                + total.onDemandReplicaHours() * usdPerOnDemandReplicaHour;
        return new Option(reserved, total.reservedReplicaHours(), total.onDemandReplicaHours(), usd);
    }

    /** For k = 1 … peak: Σ over stretches of hours with at least k replicas paid, ÷ the curve's hours. */
    public static List<Double> replicaUtilisation(List<ScalingTimeline.Hour> hours) {
        int peak = 0;
        for (ScalingTimeline.Hour h : hours) {
            for (ScalingTimeline.Segment s : h.segments()) {
                peak = Math.max(peak, s.paid());
            }
        }
        List<Double> shares = new ArrayList<>();
        for (int k = 1; k <= peak; k++) {
            double used = 0;
            for (ScalingTimeline.Hour h : hours) {
                for (ScalingTimeline.Segment s : h.segments()) {
                    used += s.paid() >= k ? s.hours() : 0;
                }
            }
            shares.add(used / hours.size());
        }
        return shares;
    }
}
