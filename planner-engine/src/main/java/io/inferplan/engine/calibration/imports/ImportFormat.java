package io.inferplan.engine.calibration.imports;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The benchmark result files a user can upload as they come, by the {@code format} name of the REST contract.
 * Each parser reads one tool's documented output schema (cited in the parser's Javadoc and in the test
 * resources' README) into {@link BenchmarkRun}s; nothing here knows the fitter.
 */
public enum ImportFormat {
    VLLM_BENCH_SERVE("vllm-bench-serve", "vllm bench serve --save-result (JSON; --append-result JSON lines)",
            body -> ServingBenchParser.parse(body, ServingBenchParser.Tool.VLLM)),
    SGLANG_BENCH_SERVING("sglang-bench-serving", "python -m sglang.bench_serving --output-file (JSON lines)",
            body -> ServingBenchParser.parse(body, ServingBenchParser.Tool.SGLANG)),
    LLAMA_BENCH_JSON("llama-bench-json", "llama-bench -o json (or -o jsonl)", LlamaBenchParser::parseJson),
    LLAMA_BENCH_CSV("llama-bench-csv", "llama-bench -o csv", LlamaBenchParser::parseCsv),
    LLAMA_BATCHED_BENCH("llama-batched-bench", "llama-batched-bench console table (or -jsonl lines)",
            BatchedBenchParser::parse),
    GENAI_PERF("genai-perf", "GenAI-Perf profile_export_genai_perf.json or AIPerf profile_export_aiperf.json",
            GenAiPerfParser::parse),
    GUIDELLM("guidellm", "GuideLLM benchmarks.json report", GuideLlmParser::parse),
    MEASUREMENTS_CSV("measurements-csv", "CSV with the calibration corpus's columns (measurements.csv)",
            MeasurementsCsvParser::parse);

    private final String id;
    private final String description;
    private final Function<byte[], ParsedFile> parser;

    ImportFormat(String id, String description, Function<byte[], ParsedFile> parser) {
        this.id = id;
        this.description = description;
        this.parser = parser;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    /**
     * Reads a file of this format.
     *
     * @throws ImportException when the file does not parse, saying where
     */
    public ParsedFile parse(byte[] body) {
        return parser.apply(body);
    }

    public static Optional<ImportFormat> of(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(ImportFormat::id).toList();
    }
}
