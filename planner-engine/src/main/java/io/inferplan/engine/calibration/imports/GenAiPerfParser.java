package io.inferplan.engine.calibration.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Figure;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Setup;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Workload;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * NVIDIA GenAI-Perf {@code profile_export_genai_perf.json} and its successor AIPerf's
 * {@code profile_export_aiperf.json} (which "mimics the structure of the GenAI-Perf JSON output"): one object
 * per run with a block per metric ({@code {"unit": "ms", "avg": …, "p50": …, "p99": …}}) and the run's
 * {@code input_config}. Schemas: perf_analyzer {@code genai-perf/genai_perf/export_data/json_exporter.py},
 * {@code metrics/llm_metrics.py}, {@code metrics/statistics.py} and {@code config/input/config_perf_analyzer.py}
 * (stimulus {@code {"concurrency": N}} or {@code {"request_rate": R}}, default concurrency 1) at commit 263c5f6e;
 * AIPerf {@code aiperf/common/models/export_models.py} ({@code JsonExportData}) and
 * {@code aiperf/common/config/loadgen_config.py} ({@code loadgen.concurrency}, {@code loadgen.request_rate};
 * neither set means concurrency 1, {@code user_config.py}) at commit db4f6397. GenAI-Perf's
 * {@code inter_token_latency} is (request latency − TTFT) ÷ (output tokens − 1) per request: the corpus's TPOT.
 */
final class GenAiPerfParser {

    private static final String[][] STATISTICS = {{"avg", "mean"}, {"p50", "median"}, {"p90", "p90"},
            {"p95", "p95"}, {"p99", "p99"}};

    private GenAiPerfParser() {
    }

    static ParsedFile parse(byte[] body) {
        List<JsonNode> docs = JsonFiles.documents(body);
        List<BenchmarkRun> runs = new ArrayList<>();
        List<ParsedFile.Unused> unused = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            String where = docs.size() == 1 ? "profile export" : "profile export " + (i + 1);
            JsonNode r = JsonFiles.object(docs.get(i), where, "a GenAI-Perf / AIPerf profile export");
            if (!r.has("request_throughput") && !r.has("output_token_throughput")) {
                throw new ImportException(where, "not a GenAI-Perf / AIPerf profile export: 'request_throughput' and "
                        + "'output_token_throughput' are missing (is the format right?)");
            }
            JsonNode cfg = r.get("input_config");
            JsonNode stimulus = JsonFiles.at(cfg, "perf_analyzer", "stimulus");
            if (stimulus != null && stimulus.isObject() && !stimulus.has("concurrency") && !stimulus.has("request_rate")) {
                unused.add(new ParsedFile.Unused(where, "stimulus " + stimulus + " (sessions or a fixed schedule) has "
                        + "neither a concurrency nor a request rate"));
                continue;
            }
            runs.add(run(r, cfg, stimulus, where));
        }
        return new ParsedFile(runs, unused);
    }

    private static BenchmarkRun run(JsonNode r, JsonNode cfg, JsonNode stimulus, String where) {
        JsonNode loadgen = JsonFiles.at(cfg, "loadgen");
        boolean aiperf = loadgen != null;
        String model = JsonFiles.firstText(cfg, "model_names");
        if (model == null) {
            model = JsonFiles.firstText(JsonFiles.at(cfg, "endpoint"), "model_names");
        }
        if (model == null) {
            model = JsonFiles.firstText(cfg, "model"); // GenAI-Perf before the config rework: flat arguments
        }
        Double rate = Figures.first(JsonFiles.number(stimulus, "request_rate", where),
                JsonFiles.number(loadgen, "request_rate", where), JsonFiles.number(cfg, "request_rate", where));
        Double concurrency = Figures.first(JsonFiles.number(stimulus, "concurrency", where),
                JsonFiles.number(loadgen, "concurrency", where), JsonFiles.number(cfg, "concurrency", where));
        Double requests = avg(r, "request_count", where);
        Double in = avg(r, "input_sequence_length", where);
        Double out = avg(r, "output_sequence_length", where);
        String inCell = in == null ? null : Figures.tokens(in);
        String outCell = out == null ? null : Figures.tokens(out);
        Integer count = requests == null ? null : (int) Math.round(requests);
        StringBuilder notes = new StringBuilder(aiperf ? "AIPerf profile_export_aiperf.json"
                : "GenAI-Perf profile_export_genai_perf.json");
        Workload w;
        if (rate != null) {
            String rateMode = JsonFiles.text(loadgen, "request_rate_mode");
            notes.append("; request rate ").append(Figures.plain(rate)).append("/s")
                    .append(rateMode == null ? "" : " (" + rateMode.toLowerCase(Locale.ROOT) + ")");
            w = new Workload("arrival-rate", concurrency == null ? null : concurrency.intValue(), rate, inCell,
                    outCell, count, concurrency == null ? null : "at most " + concurrency.intValue() + " in flight");
        } else {
            int c = concurrency == null ? 1 : concurrency.intValue(); // both tools default to concurrency 1
            notes.append("; concurrency ").append(c).append(concurrency == null ? " (the tool's default)" : "");
            w = new Workload("fixed-concurrency", c, null, inCell, outCell, count, String.valueOf(c));
        }
        List<Figure> figures = new ArrayList<>();
        Figures.add(figures, Figures.THROUGHPUT_TOTAL, "", avg(r, "output_token_throughput", where),
                "output_token_throughput.avg");
        Figures.add(figures, Figures.REQUESTS, "", avg(r, "request_throughput", where), "request_throughput.avg");
        latencies(figures, r, "time_to_first_token", Figures.TTFT, where);
        latencies(figures, r, "inter_token_latency", Figures.TPOT, where);
        return new BenchmarkRun(where, Setup.none().withRawModel(model), w, figures, notes.toString());
    }

    private static void latencies(List<Figure> out, JsonNode r, String metric, String corpusMetric, String where) {
        JsonNode block = r.get(metric);
        if (block == null || !block.isObject()) {
            return;
        }
        double toMs = millisecondsPer(JsonFiles.text(block, "unit"), where + "." + metric);
        for (String[] s : STATISTICS) {
            Double v = JsonFiles.number(block, s[0], where + "." + metric);
            Figures.add(out, corpusMetric, s[1], v == null ? null : v * toMs, metric + "." + s[0]);
        }
    }

    /** Latency units as the exporters write them; AIPerf converts to display units (ms) before export. */
    private static double millisecondsPer(String unit, String where) {
        if (unit == null || unit.equals("ms")) {
            return 1;
        }
        return switch (unit) {
            case "s", "sec" -> 1000;
            case "us" -> 1e-3;
            case "ns" -> 1e-6;
            default -> throw new ImportException(where + ".unit", "unknown time unit '" + unit + "' (ms, s, us or ns)");
        };
    }

    private static Double avg(JsonNode r, String metric, String where) {
        JsonNode block = r.get(metric);
        return block == null || !block.isObject() ? null : JsonFiles.number(block, "avg", where + "." + metric);
    }

}
