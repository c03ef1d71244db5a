package io.inferplan.engine.memory;

/**
 * Requests of a given length whose KV cache fits one replica's KV budget, under three allocation schemes.
 *
 * @param contextTokens         tokens each request holds (input + output)
 * @param naiveRequests         every request reserves the maximum context up front (pre-paged servers)
 * @param pagedRequests         blocks of {@code kvBlockTokens} allocated as tokens arrive (waste < 1 block/request)
 * @param sharedPrefixRequests  paged, and the shared prefix's full blocks stored once
 * @param kvBlockTokens         block (page) size of the framework, tokens
 * @param naiveBytesPerRequest  bytes reserved per request by the naive scheme
 * @param pagedBytesPerRequest  bytes per request in whole blocks
 */
public record KvConcurrency(int contextTokens, long naiveRequests, long pagedRequests, long sharedPrefixRequests,
                            int kvBlockTokens, double naiveBytesPerRequest, double pagedBytesPerRequest) {
}
