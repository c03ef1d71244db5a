package io.inferplan.engine.calibration;

/**
 * One published measurement row (columns of {@code measurements.csv}, kept as the source wrote them; the
 * catalog-id columns may be empty when the item is not in the catalogs).
 */
public record Measurement(String id, String sourceUrl, String framework, String frameworkVersion, String model,
                          String weightFormat, String kvCacheFormat, String accelerator, String acceleratorCount,
                          String tensorParallel, String inputTokens, String outputTokens, String mode,
                          String concurrency, String requestsPerSecond, String metric, double value, String rawConcurrency,
                          String notes) {
}
