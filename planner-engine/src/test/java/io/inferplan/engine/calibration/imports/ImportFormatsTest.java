package io.inferplan.engine.calibration.imports;

import io.inferplan.engine.calibration.imports.BenchmarkRun.Figure;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each format's parser against its sample file (test resources, see their README for the schema sources). The
 * expected values were read by hand from the files.
 */
class ImportFormatsTest {

    static byte[] sample(String file) {
        try (InputStream in = ImportFormatsTest.class.getResourceAsStream("/io/inferplan/engine/calibration/imports/"
                + file)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("missing sample " + file, e);
        }
    }

    static double value(BenchmarkRun run, String metric, String statistic) {
        return run.figures().stream().filter(f -> f.metric().equals(metric) && f.statistic().equals(statistic))
                .mapToDouble(Figure::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + statistic + " " + metric + " in " + run.figures()));
    }

    @Nested
    class VllmBenchServe {
        final ParsedFile file = ImportFormat.VLLM_BENCH_SERVE.parse(sample("vllm-bench-serve.json"));

        @Test
        void oneRunAtSixteenConcurrentRequestsWithTheFilesFigures() {
            assertEquals(1, file.runs().size());
            BenchmarkRun run = file.runs().get(0);
            assertEquals("fixed-concurrency", run.workload().mode());
            assertEquals(16, run.workload().concurrency());
            assertEquals("1024", run.workload().inputTokens()); // 204800 input tokens / 200 completed
            assertEquals("128", run.workload().outputTokens()); // 25600 / 200
            assertEquals(200, run.workload().requestCount());
            assertEquals(2891.67, value(run, "output_tokens_per_second_total", ""), 1e-9);
            assertEquals(22.59, value(run, "requests_per_second", ""), 1e-9);
            assertEquals(48.31, value(run, "ttft_ms", "mean"), 1e-9);
            assertEquals(44.87, value(run, "ttft_ms", "median"), 1e-9);
            assertEquals(96.42, value(run, "ttft_ms", "p99"), 1e-9);
            assertEquals(5.19, value(run, "tpot_ms", "mean"), 1e-9);
            assertEquals(5.83, value(run, "tpot_ms", "p99"), 1e-9);
            assertEquals(8, run.figures().size(), "throughput, rate, three TTFT and three TPOT figures: " + run.figures());
            assertEquals("meta-llama/Llama-3.1-8B-Instruct", run.setup().rawModel());
            assertEquals("vllm", run.setup().framework(), "--backend vllm names the server");
            assertNull(run.setup().accelerator());
        }

        @Test
        void appendedResultsAreOneRunPerLineAndAnOpenAiBackendNamesNoServer() {
            String line = new String(sample("vllm-bench-serve.json"), StandardCharsets.UTF_8).trim();
            String second = line.replace("\"backend\": \"vllm\"", "\"backend\": \"openai\"")
                    .replace("\"request_rate\": \"inf\"", "\"request_rate\": 8.0");
            ParsedFile two = ImportFormat.VLLM_BENCH_SERVE.parse((line + "\n" + second + "\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals(2, two.runs().size());
            assertEquals("arrival-rate", two.runs().get(1).workload().mode());
            assertEquals(8.0, two.runs().get(1).workload().requestsPerSecond());
            assertNull(two.runs().get(1).setup().framework());
        }
    }

    @Nested
    class SglangBenchServing {
        final ParsedFile file = ImportFormat.SGLANG_BENCH_SERVING.parse(sample("sglang-bench-serving.jsonl"));

        @Test
        void twoRunsAPoissonRateAndAnUnlimitedOneCappedAtThirtyTwo() {
            assertEquals(2, file.runs().size());
            BenchmarkRun rate = file.runs().get(0);
            assertEquals("arrival-rate", rate.workload().mode());
            assertEquals(4.0, rate.workload().requestsPerSecond());
            assertEquals("1024", rate.workload().inputTokens());
            assertEquals("256", rate.workload().outputTokens());
            assertEquals(240, rate.workload().requestCount());
            assertEquals(993.53, value(rate, "output_tokens_per_second_total", ""), 1e-9);
            assertEquals(71.6, value(rate, "ttft_ms", "mean"), 1e-9);
            assertEquals(12.22, value(rate, "tpot_ms", "mean"), 1e-9);
            BenchmarkRun capped = file.runs().get(1);
            assertEquals("fixed-concurrency", capped.workload().mode(), "request_rate Infinity with --max-concurrency 32");
            assertEquals(32, capped.workload().concurrency());
            assertEquals(2268.0, value(capped, "output_tokens_per_second_total", ""), 1e-9);
            assertEquals(1187.4, value(capped, "ttft_ms", "p99"), 1e-9);
        }

        @Test
        void theServerInfoGivesModelFrameworkVersionTensorParallelAndMemoryFraction() {
            BenchmarkRun run = file.runs().get(0);
            assertEquals("meta-llama/Llama-3.1-8B-Instruct", run.setup().rawModel());
            assertEquals("sglang", run.setup().framework());
            assertEquals("0.4.9", run.setup().frameworkVersion());
            assertEquals(1, run.setup().acceleratorCount());
            assertTrue(run.notes().contains("--mem-fraction-static 0.88"), run.notes());
        }

        @Test
        void theFirstLayoutWithOnlyMediansIsReadToo() {
            String old = "{\"backend\": \"sglang\", \"dataset_name\": \"random\", \"request_rate\": 16, "
                    + "\"total_input_tokens\": 102400, \"total_output_tokens\": 12800, \"total_output_tokens_retokenized\": "
                    + "12790, \"mean_e2e_latency_ms\": 1500.0, \"median_e2e_latency_ms\": 1450.0, \"median_ttft_ms\": 55.5, "
                    + "\"median_itl_ms\": 11.25, \"output_throughput\": 1600.0, \"sharegpt_output_len\": null, "
                    + "\"random_input_len\": 1024, \"random_output_len\": 128, \"random_range_ratio\": 1.0, "
                    + "\"duration\": 8.0, \"completed\": 100}";
            BenchmarkRun run = ImportFormat.SGLANG_BENCH_SERVING.parse(old.getBytes(StandardCharsets.UTF_8)).runs().get(0);
            assertEquals(55.5, value(run, "ttft_ms", "median"), 1e-9);
            assertEquals(11.25, value(run, "tpot_ms", "median"), 1e-9);
            assertEquals("1024", run.workload().inputTokens());
        }
    }

    @Nested
    class LlamaBench {
        @Test
        void jsonGivesPp512AsPrefillAndTg128AsOneStreamsDecodeSpeed() {
            ParsedFile file = ImportFormat.LLAMA_BENCH_JSON.parse(sample("llama-bench.json"));
            assertEquals(2, file.runs().size());
            BenchmarkRun pp = file.runs().get(0);
            assertEquals("512", pp.workload().inputTokens());
            assertEquals("1", pp.workload().outputTokens());
            assertEquals(7100.002165, value(pp, "prefill_tokens_per_second", ""), 1e-9);
            BenchmarkRun tg = file.runs().get(1);
            assertEquals("1", tg.workload().inputTokens());
            assertEquals("128", tg.workload().outputTokens());
            assertEquals("single-stream", tg.workload().mode());
            assertEquals(118.881588, value(tg, "output_tokens_per_second_per_request", ""), 1e-9);
            assertEquals("gguf-q4_k_m", tg.setup().weightFormat(), "model_type 'qwen2 7B Q4_K - Medium'");
            assertEquals("fp16", tg.setup().kvCacheFormat(), "type_k f16");
            assertEquals("llama.cpp", tg.setup().framework());
            assertEquals("b5163", tg.setup().frameworkVersion());
            assertEquals("models/Qwen2.5-7B-Instruct-Q4_K_M.gguf", tg.setup().rawModel());
            assertEquals("NVIDIA GeForce RTX 4080", tg.setup().rawAccelerator());
            assertEquals(1, tg.setup().acceleratorCount());
        }

        @Test
        void csvGivesTheSameTestsWithTheCsvRunsFigures() {
            ParsedFile file = ImportFormat.LLAMA_BENCH_CSV.parse(sample("llama-bench.csv"));
            assertEquals(2, file.runs().size());
            assertEquals(7285.676949, value(file.runs().get(0), "prefill_tokens_per_second", ""), 1e-9);
            assertEquals(119.915244, value(file.runs().get(1), "output_tokens_per_second_per_request", ""), 1e-9);
            assertEquals("gguf-q4_k_m", file.runs().get(1).setup().weightFormat());
        }

        @Test
        void aCombinedPromptAndGenerationTestIsListedUnused() {
            String t = new String(sample("llama-bench.csv"), StandardCharsets.UTF_8)
                    .replace("\"512\",\"0\",\"0\",\"2025-04-24T11:57:09Z\"", "\"512\",\"128\",\"0\",\"2025-04-24T11:57:09Z\"");
            ParsedFile file = ImportFormat.LLAMA_BENCH_CSV.parse(t.getBytes(StandardCharsets.UTF_8));
            assertEquals(1, file.runs().size());
            assertEquals(1, file.unused().size());
            assertTrue(file.unused().get(0).reason().contains("pp512+tg128"), file.unused().toString());
            assertEquals("line 2", file.unused().get(0).where());
        }
    }

    @Nested
    class LlamaBatchedBench {
        final ParsedFile file = ImportFormat.LLAMA_BATCHED_BENCH.parse(sample("llama-batched-bench.txt"));

        @Test
        void eachTableRowGivesDecodeAndPrefillRows() {
            assertEquals(8, file.runs().size(), "four rows (B = 1, 2, 4, 8), each S_TG and S_PP");
            BenchmarkRun one = file.runs().get(0);
            assertEquals("single-stream", one.workload().mode());
            assertEquals(140.35, value(one, "output_tokens_per_second_per_request", ""), 1e-9);
            assertEquals("0 (generation after 512-token prompts)", one.workload().inputTokens());
            assertEquals("128", one.workload().outputTokens());
            BenchmarkRun eight = file.runs().get(6);
            assertEquals("fixed-concurrency", eight.workload().mode());
            assertEquals(8, eight.workload().concurrency());
            assertEquals(769.92, value(eight, "output_tokens_per_second_total", ""), 1e-9);
            assertEquals(9373.00, value(file.runs().get(7), "prefill_tokens_per_second", ""), 1e-9);
            assertEquals("gguf-q4_k_m", eight.setup().weightFormat(), "from 'file type   = Q4_K - Medium'");
            assertEquals("llama.cpp", eight.setup().framework());
        }

        @Test
        void jsonLinesAreReadToo() {
            String jsonl = "{\"n_kv_max\": 8192, \"n_batch\": 2048, \"n_ubatch\": 512, \"flash_attn\": 1, \"is_pp_shared\": 0, "
                    + "\"n_gpu_layers\": 99, \"n_threads\": 16, \"n_threads_batch\": 16, \"pp\": 512, \"tg\": 128, \"pl\": 4, "
                    + "\"n_kv\": 2560, \"t_pp\": 0.221, \"speed_pp\": 9266.97, \"t_tg\": 1.121, \"speed_tg\": 456.74, "
                    + "\"t\": 1.342, \"speed\": 1907.60}\n";
            ParsedFile f = ImportFormat.LLAMA_BATCHED_BENCH.parse(jsonl.getBytes(StandardCharsets.UTF_8));
            assertEquals(456.74, value(f.runs().get(0), "output_tokens_per_second_total", ""), 1e-9);
            assertEquals(4, f.runs().get(0).workload().concurrency());
        }
    }

    @Nested
    class GenAiPerf {
        @Test
        void theProfileExportIsOneRunAtConcurrencyEight() {
            ParsedFile file = ImportFormat.GENAI_PERF.parse(sample("genai-perf-profile_export_genai_perf.json"));
            BenchmarkRun run = file.runs().get(0);
            assertEquals("fixed-concurrency", run.workload().mode());
            assertEquals(8, run.workload().concurrency());
            assertEquals("550", run.workload().inputTokens());
            assertEquals("256", run.workload().outputTokens());
            assertEquals(80, run.workload().requestCount());
            assertEquals(359.7, value(run, "output_tokens_per_second_total", ""), 1e-9);
            assertEquals(1.405, value(run, "requests_per_second", ""), 1e-9);
            assertEquals(81.4, value(run, "ttft_ms", "mean"), 1e-9);
            assertEquals(77.9, value(run, "ttft_ms", "median"), 1e-9);
            assertEquals(148.2, value(run, "ttft_ms", "p99"), 1e-9);
            assertEquals(22.0, value(run, "tpot_ms", "mean"), 1e-9);
            assertEquals("meta-llama/Llama-3.1-8B-Instruct", run.setup().rawModel());
            assertNull(run.setup().framework(), "an OpenAI endpoint can be any server");
        }

        @Test
        void anAiPerfExportWithARequestRateInSecondsIsAnArrivalRateRun() {
            String aiperf = "{\"request_throughput\": {\"unit\": \"requests/sec\", \"avg\": 1.98}, "
                    + "\"output_token_throughput\": {\"unit\": \"tokens/sec\", \"avg\": 507.2}, "
                    + "\"time_to_first_token\": {\"unit\": \"s\", \"avg\": 0.0412, \"p50\": 0.0398, \"p99\": 0.0901}, "
                    + "\"input_sequence_length\": {\"unit\": \"tokens\", \"avg\": 512.0}, "
                    + "\"output_sequence_length\": {\"unit\": \"tokens\", \"avg\": 256.0}, "
                    + "\"input_config\": {\"endpoint\": {\"model_names\": [\"Qwen/Qwen3-8B\"]}, "
                    + "\"loadgen\": {\"request_rate\": 2.0, \"request_rate_mode\": \"poisson\", \"request_count\": 200}}}";
            BenchmarkRun run = ImportFormat.GENAI_PERF.parse(aiperf.getBytes(StandardCharsets.UTF_8)).runs().get(0);
            assertEquals("arrival-rate", run.workload().mode());
            assertEquals(2.0, run.workload().requestsPerSecond());
            assertEquals(41.2, value(run, "ttft_ms", "mean"), 1e-9);
            assertEquals("Qwen/Qwen3-8B", run.setup().rawModel());
        }
    }

    @Nested
    class GuideLlm {
        final ParsedFile file = ImportFormat.GUIDELLM.parse(sample("guidellm-benchmarks.json"));

        @Test
        void threeLoadPointsSynchronousEightStreamsAndAPoissonRate() {
            assertEquals(3, file.runs().size());
            BenchmarkRun sync = file.runs().get(0);
            assertEquals("fixed-concurrency", sync.workload().mode());
            assertEquals(1, sync.workload().concurrency());
            assertEquals(139.2, value(sync, "output_tokens_per_second_total", ""), 1e-9);
            assertEquals(28.4, value(sync, "ttft_ms", "mean"), 1e-9);
            assertEquals(7.12, value(sync, "tpot_ms", "mean"), 1e-9);
            BenchmarkRun streams = file.runs().get(1);
            assertEquals(8, streams.workload().concurrency());
            assertEquals(982.4, value(streams, "output_tokens_per_second_total", ""), 1e-9);
            assertEquals(98.7, value(streams, "ttft_ms", "p99"), 1e-9);
            assertEquals(200, streams.workload().requestCount());
            BenchmarkRun poisson = file.runs().get(2);
            assertEquals("arrival-rate", poisson.workload().mode());
            assertEquals(2.0, poisson.workload().requestsPerSecond());
            assertEquals("512", poisson.workload().inputTokens());
            assertEquals("256", poisson.workload().outputTokens());
            assertEquals("Qwen/Qwen3-8B", poisson.setup().rawModel());
        }
    }

    @Nested
    class MeasurementsCsv {
        @Test
        void eachRowIsOneFigureWithItsStatistic() {
            ParsedFile file = ImportFormat.MEASUREMENTS_CSV.parse(sample("measurements.csv"));
            assertEquals(3, file.runs().size());
            assertEquals(2210.5, value(file.runs().get(0), "output_tokens_per_second_total", ""), 1e-9);
            assertEquals(148.9, value(file.runs().get(2), "ttft_ms", "p99"), 1e-9);
            assertNull(file.runs().get(0).setup().accelerator(), "left empty for the query to fill");
            assertEquals("llama-3.1-8b", file.runs().get(0).setup().model());
        }
    }

    @Nested
    class FilesThatDoNotParse {
        @Test
        void brokenJsonSaysTheLineAndColumn() {
            ImportException e = assertThrows(ImportException.class, () -> ImportFormat.VLLM_BENCH_SERVE.parse(
                    "{\"completed\": 10,\n \"output_throughput\": oops}".getBytes(StandardCharsets.UTF_8)));
            assertTrue(e.where().startsWith("line 2, column "), e.where()); // Jackson points just past the bad token
            assertTrue(e.getMessage().contains("'oops'"), e.getMessage());
        }

        @Test
        void aFileOfAnotherToolSaysWhatIsMissing() {
            ImportException e = assertThrows(ImportException.class, () -> ImportFormat.VLLM_BENCH_SERVE.parse(
                    sample("genai-perf-profile_export_genai_perf.json")));
            assertTrue(e.getMessage().contains("'completed'"), e.getMessage());
        }

        @Test
        void aBatchedBenchTableRowWithAWordForANumberNamesItsLineAndColumn() {
            String t = new String(sample("llama-batched-bench.txt"), StandardCharsets.UTF_8).replace("8827.59", "fast!!!");
            ImportException e = assertThrows(ImportException.class,
                    () -> ImportFormat.LLAMA_BATCHED_BENCH.parse(t.getBytes(StandardCharsets.UTF_8)));
            assertEquals("line 9 column 6", e.where());
        }

        @Test
        void aCsvRowWithAWordForTheValueNamesItsLine() {
            String t = new String(sample("measurements.csv"), StandardCharsets.UTF_8).replace("2210.5", "lots");
            ImportException e = assertThrows(ImportException.class,
                    () -> ImportFormat.MEASUREMENTS_CSV.parse(t.getBytes(StandardCharsets.UTF_8)));
            assertEquals("line 4", e.where());
        }

        @Test
        void everyFormatIdIsListed() {
            assertEquals(List.of("vllm-bench-serve", "sglang-bench-serving", "llama-bench-json", "llama-bench-csv",
                    "llama-batched-bench", "genai-perf", "guidellm", "measurements-csv"), ImportFormat.ids());
        }
    }
}
