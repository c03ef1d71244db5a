package io.inferplan.common.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per client: {@code burst} writes at once, refilled at {@code perMinute} a minute. Idle full buckets
 * are dropped when many clients have been seen, so memory stays bounded.
 */
final class WriteRateLimiter {

    private static final int EVICT_ABOVE = 10_000;

    private final double capacity;
    private final double tokensPerNano;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    WriteRateLimiter(int perMinute, int burst) {
        this.capacity = Math.max(1, burst);
        this.tokensPerNano = perMinute / 60e9;
    }

    /** 0 when the client may write now (a token is taken), else the whole seconds until it may. */
    long tryAcquire(String client, long nowNanos) {
        if (buckets.size() > EVICT_ABOVE) {
            buckets.values().removeIf(b -> b.isFull(nowNanos));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(capacity, nowNanos)).take(nowNanos);
    }

    private final class Bucket {
        private double tokens;
        private long updatedNanos;

        Bucket(double tokens, long nowNanos) {
            this.tokens = tokens;
            this.updatedNanos = nowNanos;
        }

        synchronized long take(long nowNanos) {
            refill(nowNanos);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano / 1e9));
        }

        synchronized boolean isFull(long nowNanos) {
            refill(nowNanos);
            return tokens >= capacity;
        }

        private void refill(long nowNanos) {
            tokens = Math.min(capacity, tokens + (nowNanos - updatedNanos) * tokensPerNano);
            updatedNanos = nowNanos;
        }
    }
}
