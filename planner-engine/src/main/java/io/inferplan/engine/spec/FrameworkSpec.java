package io.inferplan.engine.spec;

import java.util.Set;

/**
 * A serving framework's capabilities that change memory and speed.
 *
 * @param hardwareVendors     vendors it runs on
 * @param continuousBatching  admits new requests at every decode step
 * @param pagedKv             allocates KV cache in blocks instead of the maximum context per request
 * @param prefixCache         how it reuses a shared prompt prefix
 * @param sourceUrl           the page its hardware list comes from (null when not known)
 */
public record FrameworkSpec(
        String id,
        Set<Architecture.Vendor> hardwareVendors,
        boolean continuousBatching,
        boolean pagedKv,
        PrefixCache prefixCache,
        boolean chunkedPrefill,
        boolean tensorParallel,
        boolean pipelineParallel,
        String sourceUrl) {

    public FrameworkSpec {
        hardwareVendors = Set.copyOf(hardwareVendors);
    }

    /** Without a source for the hardware list. */
    public FrameworkSpec(String id, Set<Architecture.Vendor> hardwareVendors, boolean continuousBatching, boolean pagedKv,
                         PrefixCache prefixCache, boolean chunkedPrefill, boolean tensorParallel, boolean pipelineParallel) {
        this(id, hardwareVendors, continuousBatching, pagedKv, prefixCache, chunkedPrefill, tensorParallel,
                pipelineParallel, null);
    }

    public enum PrefixCache { NONE, HASHED_BLOCKS, RADIX_TREE }
}
