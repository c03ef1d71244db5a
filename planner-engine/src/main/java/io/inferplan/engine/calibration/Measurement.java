package io.inferplan.engine.calibration;

/**
 * One published measurement row (columns of {@code measurements.csv}, kept as the source wrote them; the
 * catalog-id columns may be empty when the item is not in the catalogs). {@code publisher} is the harness family
 * (leave-one-publisher-out validation holds all its rows out together); {@code statistic} says whether a latency
 * figure is a mean, median or a percentile (empty = not stated); {@code requestCount} is the number of requests
 * the benchmark submitted, when stated.
 */
public record Measurement(String id, String sourceUrl, String framework, String frameworkVersion, String model,
                          String weightFormat, String kvCacheFormat, String accelerator, String acceleratorCount,
                          String tensorParallel, String inputTokens, String outputTokens, String mode,
                          String concurrency, String requestsPerSecond, String metric, double value, String rawConcurrency,
                          String notes, String publisher, String statistic, String requestCount) {

    /** The publisher (harness family), or the source URL when the row names none (user files). */
    public String publisherOrSource() {
        return publisher == null || publisher.isBlank() ? sourceUrl : publisher;
    }
}
