package io.inferplan.engine.day;

/**
 * A reactive autoscaler on the request rate, as Kubernetes' HPA or KEDA run one with a per-replica target: at each
 * hour it asks for desired = clamp(ceil(rate ÷ target), floor, maxReplicas) replicas, where floor = max(minReplicas,
 * reserved replicas) — reserved capacity is paid whether used or not, so it stays on. New replicas serve after the
 * scale-up delay (their cold start); surplus ones keep serving for the scale-down delay (HPA's stabilisation window)
 * before they stop.
 *
 * @param targetRequestsPerSecondPerReplica the rate one replica is meant to carry (the highest it serves within the SLO)
 * @param scaleUpDelaySeconds   launch → serving (cold start)
 * @param scaleDownDelaySeconds demand drop → replica stopped
 */
public record AutoscalingPolicy(int minReplicas, int maxReplicas, double targetRequestsPerSecondPerReplica,
                                double scaleUpDelaySeconds, double scaleDownDelaySeconds) {

    public AutoscalingPolicy {
        if (minReplicas < 0) {
            throw new IllegalArgumentException("minReplicas: must be >= 0");
        }
        if (maxReplicas < Math.max(1, minReplicas)) {
            throw new IllegalArgumentException("maxReplicas: must be >= 1 and >= minReplicas");
        }
        if (!(targetRequestsPerSecondPerReplica > 0) || !Double.isFinite(targetRequestsPerSecondPerReplica)) {
            throw new IllegalArgumentException("targetRequestsPerSecondPerReplica: must be > 0");
        }
        if (!(scaleUpDelaySeconds >= 0) || !(scaleDownDelaySeconds >= 0)) {
            throw new IllegalArgumentException("scale delays: must be >= 0 seconds");
        }
    }

    /**
     * Replicas the traffic asks for, without the reserved floor: ceil(rate ÷ target) within [minReplicas,
     * maxReplicas]; at least one while any request arrives, none at zero traffic when minReplicas is 0.
     */
    public int neededReplicas(double requestsPerSecond) {
        if (!(requestsPerSecond > 0)) {
            return minReplicas;
        }
        int n = (int) Math.ceil(requestsPerSecond / targetRequestsPerSecondPerReplica - 1e-9);
        return Math.min(maxReplicas, Math.max(Math.max(1, minReplicas), n));
    }

    /** What the autoscaler runs: the need, but never fewer than the reserved replicas (capped at maxReplicas). */
    public int desiredReplicas(double requestsPerSecond, int reservedReplicas) {
        return Math.max(neededReplicas(requestsPerSecond), Math.min(maxReplicas, reservedReplicas));
    }

    /** Whether the traffic asks for more than maxReplicas (the hour is served by too few). */
    public boolean capped(double requestsPerSecond) {
        return requestsPerSecond > 0 && Math.ceil(requestsPerSecond / targetRequestsPerSecondPerReplica - 1e-9) > maxReplicas;
    }
}
