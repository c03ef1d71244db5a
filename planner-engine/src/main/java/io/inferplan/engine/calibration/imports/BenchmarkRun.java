package io.inferplan.engine.calibration.imports;

import java.util.List;

/**
 * One run of a benchmark tool as its result file records it, before the query fields fill what the file lacks.
 * Values the file does not state are null; {@code where} says where in the file the run is (for messages).
 *
 * @param setup    what ran: catalog ids where the file states them, the file's own words otherwise
 * @param workload how it was driven, in the contract's workload modes
 * @param figures  the measured values, in the calibration corpus's metric names
 * @param notes    the file's own words about the run (tool, options), kept with every row
 * @param origin   for measurements-CSV rows, the row's own id and source; null for tool files
 */
public record BenchmarkRun(String where, Setup setup, Workload workload, List<Figure> figures, String notes,
                           Origin origin) {

    public BenchmarkRun {
        figures = List.copyOf(figures);
    }

    /** A run of a tool file: its rows get the upload's ids and source. */
    public BenchmarkRun(String where, Setup setup, Workload workload, List<Figure> figures, String notes) {
        this(where, setup, workload, figures, notes, null);
    }

    /** A row of a measurements CSV as posted: its cells are kept, only its empty id and length cells are filled. */
    public record Origin(io.inferplan.engine.calibration.Measurement row) {
    }

    /**
     * What ran. Catalog ids ({@code model}, {@code weightFormat}, {@code kvCacheFormat}, {@code framework},
     * {@code accelerator}) only where the file states one unambiguously; {@code raw…} keep the file's words.
     */
    public record Setup(String model, String rawModel, String weightFormat, String rawWeightFormat,
                        String kvCacheFormat, String framework, String frameworkVersion, String accelerator,
                        String rawAccelerator, Integer acceleratorCount, Integer tensorParallel) {

        public static Setup none() {
            return new Setup(null, null, null, null, null, null, null, null, null, null, null);
        }

        public Setup withRawModel(String raw) {
            return new Setup(model, raw, weightFormat, rawWeightFormat, kvCacheFormat, framework, frameworkVersion,
                    accelerator, rawAccelerator, acceleratorCount, tensorParallel);
        }

        public Setup withFramework(String id, String version) {
            return new Setup(model, rawModel, weightFormat, rawWeightFormat, kvCacheFormat, id, version, accelerator,
                    rawAccelerator, acceleratorCount, tensorParallel);
        }

        public Setup withWeights(String id, String raw) {
            return new Setup(model, rawModel, id, raw, kvCacheFormat, framework, frameworkVersion, accelerator,
                    rawAccelerator, acceleratorCount, tensorParallel);
        }

        public Setup withKvCacheFormat(String id) {
            return new Setup(model, rawModel, weightFormat, rawWeightFormat, id, framework, frameworkVersion,
                    accelerator, rawAccelerator, acceleratorCount, tensorParallel);
        }

        public Setup withAccelerators(String raw, Integer count, Integer tp) {
            return new Setup(model, rawModel, weightFormat, rawWeightFormat, kvCacheFormat, framework,
                    frameworkVersion, accelerator, raw, count, tp);
        }
    }

    /**
     * How the run was driven. Lengths are the corpus's cells (a number, or e.g. "0 (generation after 512-token
     * prompts)"); null when the file does not say.
     */
    public record Workload(String mode, Integer concurrency, Double requestsPerSecond, String inputTokens,
                           String outputTokens, Integer requestCount, String rawConcurrency) {
    }

    /**
     * One measured value.
     *
     * @param metric    a corpus metric ({@code output_tokens_per_second_total}, {@code ttft_ms}, …)
     * @param statistic mean, median, p90, p99 for latencies; empty for throughputs
     * @param field     the file's name for it ({@code mean_ttft_ms}, {@code avg_ts}, …)
     */
    public record Figure(String metric, String statistic, double value, String field) {
    }
}
