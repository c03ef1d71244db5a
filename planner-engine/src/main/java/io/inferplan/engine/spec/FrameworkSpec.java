package io.inferplan.engine.spec;

import java.util.Set;

/**
 * A serving framework's capabilities that change memory and speed.
 *
 * @param hardwareVendors     vendors it runs on
 * @param continuousBatching  admits new requests at every decode step
 * @param pagedKv             allocates KV cache in blocks instead of the maximum context per request
 * @param prefixCache         how it reuses a shared prompt prefix
 */
public record FrameworkSpec(
        String id,
        Set<Architecture.Vendor> hardwareVendors,
        boolean continuousBatching,
        boolean pagedKv,
        PrefixCache prefixCache,
        boolean chunkedPrefill,
        boolean tensorParallel,
        boolean pipelineParallel) {

    public FrameworkSpec {
        hardwareVendors = Set.copyOf(hardwareVendors);
    }

    public enum PrefixCache { NONE, HASHED_BLOCKS, RADIX_TREE }
}
