package io.inferplan.engine.memory;

/**
 * One point of the KV-growth curve: a request of {@code contextTokens} tokens.
 *
 * @param contextTokens     tokens in the request's KV cache
 * @param kvBytesPerRequest KV bytes one such request needs (all layers; sliding-window layers capped at the window)
 * @param concurrency       how many fit one replica's KV budget, naive vs paged vs shared prefix
 */
public record KvGrowthPoint(int contextTokens, double kvBytesPerRequest, KvConcurrency concurrency) {

    public double kvGiBPerRequest() {
        return Units.gib(kvBytesPerRequest);
    }
}
