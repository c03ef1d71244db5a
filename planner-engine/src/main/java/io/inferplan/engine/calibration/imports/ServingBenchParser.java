package io.inferplan.engine.calibration.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Figure;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Setup;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code vllm bench serve --save-result} JSON and SGLang {@code bench_serving} JSONL: one result object per run
 * (vLLM's {@code --append-result} and SGLang's output file append one object per line). Both tools descend from
 * vLLM's {@code benchmark_serving.py} and share the field names: {@code completed}, {@code total_input_tokens},
 * {@code total_output_tokens}, {@code request_rate} ("inf" / Infinity = all at once), {@code max_concurrency},
 * {@code output_throughput}, {@code request_throughput} and {@code mean|median|pNN_(ttft|tpot|itl)_ms}.
 * Schemas: vLLM {@code vllm/benchmarks/serve.py} (result dict and {@code result_json}) at commit def9ce85;
 * SGLang {@code python/sglang/bench_serving.py} result dict and docs/developer_guide/bench_serving.md
 * ("JSONL output format"). See the test resources' README for the exact URLs.
 */
final class ServingBenchParser {

    enum Tool {
        VLLM("vllm bench serve"), SGLANG("sglang.bench_serving");

        final String label;

        Tool(String label) {
            this.label = label;
        }
    }

    /** The {@code --backend} names whose server is certain; "openai" and the like can be any server. */
    private static final Map<String, String> SERVER_OF_BACKEND = Map.ofEntries(
            Map.entry("vllm", "vllm"), Map.entry("vllm-chat", "vllm"), Map.entry("sglang", "sglang"),
            Map.entry("sglang-native", "sglang"), Map.entry("sglang-oai", "sglang"),
            Map.entry("sglang-oai-chat", "sglang"), Map.entry("lmdeploy", "lmdeploy"),
            Map.entry("lmdeploy-chat", "lmdeploy"), Map.entry("tgi", "tgi"), Map.entry("trt", "tensorrt-llm"),
            Map.entry("tensorrt-llm", "tensorrt-llm"), Map.entry("llama.cpp", "llama.cpp"));

    private ServingBenchParser() {
    }

    static ParsedFile parse(byte[] body, Tool tool) {
        List<JsonNode> docs = JsonFiles.documents(body);
        List<BenchmarkRun> runs = new ArrayList<>();
        List<ParsedFile.Unused> unused = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            String where = docs.size() == 1 ? "result" : "run " + (i + 1) + " (JSON object " + (i + 1) + ")";
            JsonNode r = JsonFiles.object(docs.get(i), where, "a " + tool.label + " result");
            if (!r.has("completed") || !r.has("output_throughput")) {
                throw new ImportException(where, "not a " + tool.label + " result: 'completed' and 'output_throughput'"
                        + " are missing (is the format right?)");
            }
            String skip = unusable(r, where);
            if (skip != null) {
                unused.add(new ParsedFile.Unused(where, skip));
            } else {
                runs.add(run(r, where, tool));
            }
        }
        return new ParsedFile(runs, unused);
    }

    private static String unusable(JsonNode r, String where) {
        Integer completed = JsonFiles.integer(r, "completed", where);
        if (completed == null || completed == 0) {
            return "no request completed";
        }
        if (r.hasNonNull("ramp_up_strategy")) {
            return "a ramp-up run (" + JsonFiles.text(r, "ramp_up_strategy") + ") has no single request rate";
        }
        if ("trace".equals(JsonFiles.text(r, "request_rate"))) {
            return "a trace replay has no single request rate";
        }
        return null;
    }

    private static BenchmarkRun run(JsonNode r, String where, Tool tool) {
        int completed = JsonFiles.integer(r, "completed", where);
        String backend = JsonFiles.text(r, "backend");
        StringBuilder notes = new StringBuilder(tool.label).append(" result");
        appendNote(notes, "backend", backend);
        Setup setup = Setup.none().withFramework(backend == null ? null
                : SERVER_OF_BACKEND.get(backend.toLowerCase(Locale.ROOT)), null);
        if (tool == Tool.VLLM) {
            setup = setup.withRawModel(JsonFiles.text(r, "model_id"));
            appendNote(notes, "label", JsonFiles.text(r, "label"));
        } else {
            setup = sglangServer(r, setup, notes);
            appendNote(notes, "dataset", JsonFiles.text(r, "dataset_name"));
        }
        Double rate = JsonFiles.number(r, "request_rate", where);
        Integer maxConcurrency = JsonFiles.integer(r, "max_concurrency", where);
        Integer prompts = JsonFiles.integer(r, "num_prompts", where);
        appendNote(notes, "request_rate", rate == null ? null : Figures.plain(rate));
        appendNote(notes, "max_concurrency", maxConcurrency == null ? null : maxConcurrency.toString());
        appendNote(notes, "completed", String.valueOf(completed));
        appendNote(notes, "failed", JsonFiles.text(r, "failed"));
        int requests = prompts != null ? prompts : completed;

        Double in = JsonFiles.number(r, "total_input_tokens", where);
        Double out = JsonFiles.number(r, "total_output_tokens", where);
        String inCell = in == null ? null : Figures.tokens(in / completed);
        String outCell = out == null ? null : Figures.tokens(out / completed);
        if ("sharegpt".equals(JsonFiles.text(r, "dataset_name")) && in != null && out != null) {
            // variable lengths: the engine models a ShareGPT run's length tail; the means are kept in the notes
            notes.append("; avg ").append(inCell).append(" in / ").append(outCell).append(" out");
            inCell = "ShareGPT";
            outCell = "ShareGPT";
        }
        Workload w;
        if (rate == null || Double.isInfinite(rate)) {
            w = maxConcurrency == null
                    ? new Workload("max-throughput", null, null, inCell, outCell, requests, "inf (all requests at once)")
                    : new Workload("fixed-concurrency", maxConcurrency, null, inCell, outCell, requests,
                    maxConcurrency + " (--max-concurrency)");
        } else {
            w = new Workload("arrival-rate", maxConcurrency, rate, inCell, outCell, requests,
                    maxConcurrency == null ? null : "at most " + maxConcurrency + " in flight (--max-concurrency)");
        }
        List<Figure> figures = new ArrayList<>();
        Figures.add(figures, Figures.THROUGHPUT_TOTAL, "", JsonFiles.number(r, "output_throughput", where),
                "output_throughput");
        Figures.add(figures, Figures.REQUESTS, "", JsonFiles.number(r, "request_throughput", where),
                "request_throughput");
        Figures.addLatencies(figures, r, "ttft", Figures.TTFT, where);
        if (!Figures.addLatencies(figures, r, "tpot", Figures.TPOT, where)) {
            // SGLang's first JSONL layout had only median_itl_ms: the inter-token latency is the TPOT the corpus uses
            Figures.addLatencies(figures, r, "itl", Figures.TPOT, where);
        }
        return new BenchmarkRun(where, setup, w, figures, notes.toString());
    }

    /** SGLang records the server's own arguments ({@code /get_server_info}) when the server answered. */
    private static Setup sglangServer(JsonNode r, Setup setup, StringBuilder notes) {
        JsonNode info = r.get("server_info");
        if (info == null || !info.isObject()) {
            return setup;
        }
        String where = "server_info";
        Integer tp = JsonFiles.integer(info, "tp_size", where);
        Integer dp = JsonFiles.integer(info, "dp_size", where);
        Integer count = tp == null ? null : tp * (dp == null ? 1 : dp);
        Double memFraction = JsonFiles.number(info, "mem_fraction_static", where);
        if (memFraction != null) {
            notes.append("; --mem-fraction-static ").append(Figures.plain(memFraction));
        }
        String version = JsonFiles.text(info, "version");
        return setup.withRawModel(JsonFiles.text(info, "model_path"))
                .withFramework(setup.framework(), version)
                .withAccelerators(null, count, tp);
    }

    private static void appendNote(StringBuilder notes, String key, String value) {
        if (value != null && !value.isBlank()) {
            notes.append("; ").append(key).append(' ').append(value);
        }
    }
}
