package io.inferplan.plan.kvgrowth;

import io.inferplan.engine.memory.KvGrowthPoint;
import io.inferplan.plan.evaluate.KvGrowthService;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * KV cache size over context length, up to the model's maximum context, and how many requests of each length
 * fit at once under three allocation schemes.
 *
 * @param model                         model id
 * @param maxContextTokens              the last point's context length (the model's maximum), tokens
 * @param kvCacheBytesPerToken          KV bytes of one token, whole model, chosen KV format
 * @param kvCacheGiBAvailablePerReplica KV-cache budget of one replica after weights and overheads, GiB
 * @param replicas                      replicas in the deployment (the totals are per replica × replicas)
 * @param sharedPrefixTokens            the workload's shared prefix, tokens (stored once by the shared-prefix scheme)
 * @param points                        one point per context length, shortest first
 * @param catalogVersion                catalog version the curve was computed against
 */
@Serdeable
@Schema(description = "KV cache size over context length with concurrent requests under naive, paged and shared-prefix allocation")
public record KvGrowthResponse(
        String model,
        int maxContextTokens,
        long kvCacheBytesPerToken,
        double kvCacheGiBAvailablePerReplica,
        int replicas,
        int sharedPrefixTokens,
        List<Point> points,
        String catalogVersion) {

    /**
     * @param contextTokens                  tokens each request holds
     * @param kvBytesPerRequest              KV bytes one such request needs (all layers)
     * @param kvGiBPerRequest                the same in GiB (2^30 bytes)
     * @param kvBlockTokens                  the framework's KV block (page) size, tokens
     * @param naiveRequestsPerReplica        requests fitting one replica when each reserves the maximum context
     * @param pagedRequestsPerReplica        requests fitting one replica with paged (block) allocation
     * @param sharedPrefixRequestsPerReplica paged, with the shared prefix stored once
     * @param naiveRequests                  naive, whole deployment
     * @param pagedRequests                  paged, whole deployment
     * @param sharedPrefixRequests           shared prefix, whole deployment
     */
    @Serdeable
    public record Point(
            int contextTokens,
            double kvBytesPerRequest,
            double kvGiBPerRequest,
            int kvBlockTokens,
            long naiveRequestsPerReplica,
            long pagedRequestsPerReplica,
            long sharedPrefixRequestsPerReplica,
            long naiveRequests,
            long pagedRequests,
            long sharedPrefixRequests) {

        static Point from(KvGrowthPoint p, int replicas) {
            var c = p.concurrency();
            return new Point(p.contextTokens(), p.kvBytesPerRequest(), p.kvGiBPerRequest(), c.kvBlockTokens(),
                    c.naiveRequests(), c.pagedRequests(), c.sharedPrefixRequests(),
                    c.naiveRequests() * replicas, c.pagedRequests() * replicas, c.sharedPrefixRequests() * replicas);
        }
    }

    public static KvGrowthResponse from(KvGrowthService.Curve curve) {
        var plan = curve.plan();
        int replicas = plan.plan().parallelism().replicas();
        List<Point> points = curve.points().stream().map(p -> Point.from(p, replicas)).toList();
        var w = plan.plan().workload();
        return new KvGrowthResponse(plan.plan().model(),
                points.isEmpty() ? 0 : points.get(points.size() - 1).contextTokens(),
                plan.memory().kvCacheBytesPerToken(), plan.memory().kvCacheGiBAvailablePerReplica(), replicas,
                w == null || w.sharedPrefixTokens() == null ? 0 : w.sharedPrefixTokens(), points, plan.catalogVersion());
    }
}
