package io.inferplan.engine.memory;

import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * How many requests fit a KV budget under three allocation schemes (engine.md: a naive server that reserves the
 * maximum context wastes most of its memory; paged allocation wastes under one block per request; prefix caching
 * stores a shared prefix once). A hybrid model's recurrent state counts once per request and is never shared
 * ({@link KvCacheModel#bytesPerRequest}). All byte figures are for the most loaded accelerator of a replica: request bytes are
 * multiplied by {@code shareOnAccelerator} ({@link KvCacheModel#shareOnMostLoadedAccelerator}).
 */
public final class KvAllocation {

    private KvAllocation() {
    }

    /** Tokens rounded up to whole blocks: ceil(tokens / block) × block. */
    public static long roundUpToBlocks(long tokens, int blockTokens) {
        return (tokens + blockTokens - 1) / blockTokens * blockTokens;
    }

    /** Tokens of the shared prefix that can be shared: whole blocks only, floor(prefix / block) × block. */
    public static long shareablePrefixTokens(long prefixTokens, int blockTokens) {
        return prefixTokens / blockTokens * blockTokens;
    }

    /**
     * @param budgetBytes          KV bytes on the most loaded accelerator of the replica
     * @param shareOnAccelerator   share of a request's KV on that accelerator
     * @param contextTokens        tokens each request holds
     * @param reservedContextTokens tokens a naive server reserves per request (the maximum context)
     * @param prefixTokens         shared leading tokens
     * @param blockTokens          paged block size
     */
    public static KvConcurrency concurrency(ModelSpec m, NumberFormatSpec kv, double budgetBytes,
                                            double shareOnAccelerator, int contextTokens, int reservedContextTokens,
                                            int prefixTokens, int blockTokens) {
        double naive = KvCacheModel.bytesPerRequest(m, kv, reservedContextTokens) * shareOnAccelerator;
        double paged = KvCacheModel.bytesPerRequest(m, kv, roundUpToBlocks(contextTokens, blockTokens)) * shareOnAccelerator;
        long shared = shareablePrefixTokens(prefixTokens, blockTokens);
        double prefixBytes = KvCacheModel.bytesForTokens(m, kv, shared) * shareOnAccelerator;
        double unique = paged - prefixBytes;
        long naiveN = fit(budgetBytes, naive);
        long pagedN = fit(budgetBytes, paged);
        long sharedN = shared == 0 ? pagedN
                : (budgetBytes < prefixBytes + unique ? 0 : fit(budgetBytes - prefixBytes, unique));
        return new KvConcurrency(contextTokens, naiveN, pagedN, Math.max(sharedN, pagedN), blockTokens, naive, paged);
    }

    /** floor(budget / perRequest), 0 when nothing fits. */
    static long fit(double budget, double perRequest) {
        if (budget <= 0 || perRequest <= 0) {
            return 0;
        }
        return (long) Math.floor(budget / perRequest + 1e-9);
    }

    /**
     * The KV-growth curve: lengths 1024, 2048, 4096, … below the maximum context, then the maximum context itself.
     */
    public static List<KvGrowthPoint> growthCurve(ModelSpec m, NumberFormatSpec kv, double budgetBytes,
                                                  double shareOnAccelerator, int reservedContextTokens,
                                                  int prefixTokens, int blockTokens) {
        List<KvGrowthPoint> points = new ArrayList<>();
        int max = m.maxContextTokens();
        for (long len = 1024; len < max; len *= 2) {
            points.add(point(m, kv, budgetBytes, shareOnAccelerator, (int) len, reservedContextTokens,
                    prefixTokens, blockTokens));
        }
        points.add(point(m, kv, budgetBytes, shareOnAccelerator, max, reservedContextTokens, prefixTokens, blockTokens));
        return points;
    }

    private static KvGrowthPoint point(ModelSpec m, NumberFormatSpec kv, double budget, double share, int len,
                                       int reserved, int prefix, int block) {
        return new KvGrowthPoint(len, KvCacheModel.bytesForTokens(m, kv, len),
                concurrency(m, kv, budget, share, len, Math.max(reserved, len), Math.min(prefix, len), block));
    }
}
