package io.inferplan.engine.calibration.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Figure;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Setup;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Workload;

import java.util.ArrayList;
import java.util.List;

/**
 * GuideLLM's JSON report ({@code benchmarks.json}, {@code GenerativeBenchmarksReport}): {@code metadata},
 * {@code config} and a list of {@code benchmarks}, one per load point of a sweep. Each benchmark has
 * {@code config.strategy} ({@code type_} synchronous | concurrent with {@code streams} | throughput | constant |
 * poisson with {@code rate}; {@code trace} replays have no single rate) and {@code metrics}, where every metric is
 * a status breakdown ({@code successful}, {@code errored}, {@code incomplete}, {@code total}) of a distribution
 * summary ({@code mean}, {@code median}, {@code percentiles.p90}, …). The successful requests' figures are read, as
 * GuideLLM's console shows them. {@code inter_token_latency_ms} is (last − first token) ÷ (output tokens − 1): the
 * corpus's TPOT ({@code time_per_output_token_ms} includes the first token and is not used). Schema: vllm-project/
 * guidellm {@code src/guidellm/benchmark/schemas/report.py}, {@code benchmark.py}, {@code metrics.py},
 * {@code schemas/statistics.py}, {@code schemas/request_stats.py} and {@code scheduler/strategies.py} at commit
 * ee7a7745.
 */
final class GuideLlmParser {

    private GuideLlmParser() {
    }

    static ParsedFile parse(byte[] body) {
        List<JsonNode> docs = JsonFiles.documents(body);
        JsonNode report = JsonFiles.object(docs.get(0), "report", "a GuideLLM report");
        JsonNode benchmarks = report.get("benchmarks");
        if (benchmarks == null || !benchmarks.isArray()) {
            throw new ImportException("report", "not a GuideLLM report: the 'benchmarks' list is missing (is the format "
                    + "right?)");
        }
        String model = JsonFiles.text(JsonFiles.at(report, "config", "backend"), "model");
        String version = JsonFiles.text(JsonFiles.at(report, "metadata"), "guidellm_version");
        List<BenchmarkRun> runs = new ArrayList<>();
        List<ParsedFile.Unused> unused = new ArrayList<>();
        for (int i = 0; i < benchmarks.size(); i++) {
            String where = "benchmarks[" + i + "]";
            JsonNode b = JsonFiles.object(benchmarks.get(i), where, "a GuideLLM benchmark");
            JsonNode strategy = JsonFiles.at(b, "config", "strategy");
            if (strategy == null) {
                throw new ImportException(where + ".config.strategy", "is missing");
            }
            JsonNode metrics = JsonFiles.object(b.get("metrics"), where + ".metrics", "the benchmark's metrics");
            String type = JsonFiles.text(strategy, "type_");
            Workload w = workload(strategy, type, metrics, where);
            if (w == null) {
                unused.add(new ParsedFile.Unused(where, "strategy '" + type + "' has no single concurrency or rate"));
                continue;
            }
            String benchModel = JsonFiles.text(JsonFiles.at(b, "config", "backend"), "model");
            runs.add(new BenchmarkRun(where, Setup.none().withRawModel(benchModel != null ? benchModel : model),
                    w, figures(metrics, where), "GuideLLM " + (version == null ? "" : version + " ")
                    + "benchmark " + i + ", strategy " + strategy.toString().replace(',', ';')));
        }
        return new ParsedFile(runs, unused);
    }

    private static Workload workload(JsonNode strategy, String type, JsonNode metrics, String where) {
        String in = tokens(metrics, "prompt_token_count", where);
        String out = tokens(metrics, "output_token_count", where);
        Integer requests = JsonFiles.integer(JsonFiles.at(metrics, "request_totals"), "successful", where);
        Integer cap = JsonFiles.integer(strategy, "max_concurrency", where);
        if (type == null) {
            return null;
        }
        return switch (type) {
            case "synchronous" -> new Workload("fixed-concurrency", 1, null, in, out, requests, "1 (synchronous)");
            case "concurrent" -> {
                Integer streams = JsonFiles.integer(strategy, "streams", where + ".config.strategy");
                yield streams == null ? null : new Workload("fixed-concurrency", streams, null, in, out, requests,
                        streams + " streams");
            }
            case "throughput" -> new Workload("max-throughput", cap, null, in, out, requests,
                    "throughput" + (cap == null ? "" : " (at most " + cap + " in flight)"));
            case "constant", "poisson" -> {
                Double rate = JsonFiles.number(strategy, "rate", where + ".config.strategy");
                yield rate == null ? null : new Workload("arrival-rate", cap, rate, in, out, requests,
                        type + " arrivals at " + Figures.plain(rate) + "/s");
            }
            default -> null;
        };
    }

    private static List<Figure> figures(JsonNode metrics, String where) {
        List<Figure> f = new ArrayList<>();
        Figures.add(f, Figures.THROUGHPUT_TOTAL, "", mean(metrics, "output_tokens_per_second", where),
                "output_tokens_per_second.successful.mean");
        Figures.add(f, Figures.REQUESTS, "", mean(metrics, "requests_per_second", where),
                "requests_per_second.successful.mean");
        latencies(f, metrics, "time_to_first_token_ms", Figures.TTFT, where);
        latencies(f, metrics, "inter_token_latency_ms", Figures.TPOT, where);
        return f;
    }

    private static void latencies(List<Figure> out, JsonNode metrics, String metric, String corpusMetric,
                                  String where) {
        JsonNode s = JsonFiles.at(metrics, metric, "successful");
        String w = where + ".metrics." + metric + ".successful";
        Figures.add(out, corpusMetric, "mean", JsonFiles.number(s, "mean", w), metric + ".successful.mean");
        Figures.add(out, corpusMetric, "median", JsonFiles.number(s, "median", w), metric + ".successful.median");
        JsonNode p = JsonFiles.at(s, "percentiles");
        for (String q : new String[] {"p90", "p95", "p99"}) {
            Figures.add(out, corpusMetric, q, JsonFiles.number(p, q, w + ".percentiles"),
                    metric + ".successful.percentiles." + q);
        }
    }

    private static Double mean(JsonNode metrics, String metric, String where) {
        return JsonFiles.number(JsonFiles.at(metrics, metric, "successful"), "mean",
                where + ".metrics." + metric + ".successful");
    }

    private static String tokens(JsonNode metrics, String metric, String where) {
        Double m = mean(metrics, metric, where);
        return m == null || !(m > 0) ? null : Figures.tokens(m);
    }
}
