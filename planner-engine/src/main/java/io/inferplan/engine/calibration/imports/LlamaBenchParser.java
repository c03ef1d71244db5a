package io.inferplan.engine.calibration.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Figure;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Setup;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Workload;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code llama-bench -o json} (a JSON array of tests; {@code -o jsonl}, one test per line, is read too) and
 * {@code -o csv} (a header of {@code test::get_fields()} and one quoted row per test). Schema:
 * llama.cpp {@code tools/llama-bench/llama-bench.cpp} ({@code test::get_fields}, {@code csv_printer},
 * {@code json_printer}) at commit 050fc7f3 and its README's "Output formats". Each test is one of
 * <ul>
 *   <li>{@code pp N} ({@code n_prompt} N, {@code n_gen} 0): prompt tokens per second of one N-token prompt →
 *       {@code prefill_tokens_per_second}, single stream, input N, output 1;</li>
 *   <li>{@code tg N} ({@code n_prompt} 0, {@code n_gen} N): generated tokens per second of one stream →
 *       {@code output_tokens_per_second_per_request}, input 1 (or the {@code n_depth} context), output N;</li>
 *   <li>{@code pp+tg} tests average prompt and generation together, which is no contract metric: listed unused.</li>
 * </ul>
 * These are the conventions of the llama-bench rows in the calibration corpus.
 */
final class LlamaBenchParser {

    private LlamaBenchParser() {
    }

    static ParsedFile parseJson(byte[] body) {
        List<JsonNode> docs = JsonFiles.documents(body);
        List<Map<String, String>> tests = new ArrayList<>();
        List<String> wheres = new ArrayList<>();
        for (JsonNode d : docs) {
            if (d.isArray()) {
                for (JsonNode t : d) {
                    wheres.add("test " + (tests.size() + 1) + " (array element " + (tests.size() + 1) + ")");
                    tests.add(fields(JsonFiles.object(t, "test " + (tests.size() + 1), "a llama-bench test")));
                }
            } else {
                wheres.add("test " + (tests.size() + 1) + " (JSON line " + (tests.size() + 1) + ")");
                tests.add(fields(JsonFiles.object(d, "test " + (tests.size() + 1), "a llama-bench test")));
            }
        }
        return read(tests, wheres);
    }

    static ParsedFile parseCsv(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<Map<String, String>> tests = new ArrayList<>();
        List<String> wheres = new ArrayList<>();
        CSVFormat f = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                .build();
        try (CSVParser p = CSVParser.parse(new StringReader(text), f)) {
            for (String required : new String[] {"n_prompt", "n_gen", "avg_ts", "model_type"}) {
                if (!p.getHeaderMap().containsKey(required)) {
                    throw new ImportException("line 1", "not a llama-bench CSV header: column '" + required
                            + "' is missing (is the format right?)");
                }
            }
            Iterator<CSVRecord> it = p.iterator();
            while (true) {
                CSVRecord r;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    r = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new ImportException("line " + p.getCurrentLineNumber(), "not valid CSV: " + e.getMessage());
                }
                if (!r.isConsistent()) {
                    throw new ImportException("line " + p.getCurrentLineNumber(), "has " + r.size()
                            + " values for " + p.getHeaderNames().size() + " columns");
                }
                tests.add(r.toMap());
                wheres.add("line " + p.getCurrentLineNumber());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ImportException("line 1", "not valid CSV: " + e.getMessage());
        }
        return read(tests, wheres);
    }

    private static Map<String, String> fields(JsonNode t) {
        Map<String, String> m = new LinkedHashMap<>();
        t.fields().forEachRemaining(e -> {
            if (!e.getValue().isContainerNode() && !e.getValue().isNull()) {
                m.put(e.getKey(), e.getValue().asText());
            }
        });
        return m;
    }

    private static ParsedFile read(List<Map<String, String>> tests, List<String> wheres) {
        if (tests.isEmpty()) {
            throw new ImportException("body", "holds no llama-bench test");
        }
        List<BenchmarkRun> runs = new ArrayList<>();
        List<ParsedFile.Unused> unused = new ArrayList<>();
        for (int i = 0; i < tests.size(); i++) {
            Map<String, String> t = tests.get(i);
            String where = wheres.get(i);
            int prompt = whole(t, "n_prompt", where);
            int gen = whole(t, "n_gen", where);
            int depth = t.containsKey("n_depth") ? whole(t, "n_depth", where) : 0;
            double ts = decimal(t, "avg_ts", where);
            if (prompt > 0 && gen > 0) {
                unused.add(new ParsedFile.Unused(where, "pp" + prompt + "+tg" + gen + " averages prompt and "
                        + "generation tokens together, which is no contract metric"));
            } else if (prompt > 0 && depth > 0) {
                unused.add(new ParsedFile.Unused(where, "pp" + prompt + " @ d" + depth + ": prompt processing on top "
                        + "of a filled cache is no contract metric"));
            } else if (prompt > 0 || gen > 0) {
                runs.add(run(t, where, prompt, gen, depth, ts));
            } else {
                unused.add(new ParsedFile.Unused(where, "neither n_prompt nor n_gen is set"));
            }
        }
        return new ParsedFile(runs, unused);
    }

    private static BenchmarkRun run(Map<String, String> t, String where, int prompt, int gen, int depth, double ts) {
        String modelType = t.get("model_type");
        String build = t.get("build_number");
        Setup setup = Setup.none().withRawModel(t.get("model_filename"))
                .withFramework("llama.cpp", build == null || build.isBlank() ? null : "b" + build)
                .withWeights(LlamaCppNames.weightFormat(modelType), LlamaCppNames.fileType(modelType))
                .withKvCacheFormat(LlamaCppNames.kvCacheFormat(t.get("type_k")))
                .withAccelerators(rawAccelerator(t), deviceCount(t), null);
        List<Figure> figures = new ArrayList<>();
        String test;
        Workload w;
        if (prompt > 0) {
            test = "pp" + prompt;
            w = new Workload("single-stream", 1, null, String.valueOf(prompt), "1", null, "1 (llama-bench)");
            Figures.add(figures, Figures.PREFILL, "", ts, "avg_ts");
        } else {
            test = "tg" + gen + (depth > 0 ? " @ d" + depth : "");
            String input = depth > 0 ? "0 (generation after " + depth + "-token prompts)" : "1";
            w = new Workload("single-stream", 1, null, input, String.valueOf(gen), null, "1 (llama-bench)");
            Figures.add(figures, Figures.PER_REQUEST, "", ts, "avg_ts");
        }
        if (figures.isEmpty()) {
            throw new ImportException(where + " avg_ts", "must be a positive number of tokens per second");
        }
        String notes = "llama-bench " + test + " (avg_ts over repetitions); model_type " + modelType
                + "; backends " + t.getOrDefault("backends", "?") + "; ngl " + t.getOrDefault("n_gpu_layers", "?")
                + "; n_batch " + t.getOrDefault("n_batch", "?") + "; n_ubatch " + t.getOrDefault("n_ubatch", "?")
                + "; flash_attn " + t.getOrDefault("flash_attn", "?") + "; build " + t.getOrDefault("build_commit", "?");
        return new BenchmarkRun(where, setup, w, figures, notes);
    }

    private static String rawAccelerator(Map<String, String> t) {
        String gpu = t.get("gpu_info");
        return gpu == null || gpu.isBlank() ? t.get("cpu_info") : gpu;
    }

    /** The GPUs the test used: those listed in {@code devices}, else every GPU in {@code gpu_info}; CPU only = 1. */
    private static Integer deviceCount(Map<String, String> t) {
        String devices = t.get("devices");
        if (devices != null && !devices.isBlank() && !devices.equals("auto") && !devices.equals("none")) {
            return devices.split("/").length;
        }
        if ("none".equals(t.get("split_mode"))) {
            return 1;
        }
        String gpu = t.get("gpu_info");
        return gpu == null || gpu.isBlank() ? 1 : gpu.split(", ").length;
    }

    private static int whole(Map<String, String> t, String field, String where) {
        double v = decimal(t, field, where);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new ImportException(where + " " + field, "expected a whole number, found '" + t.get(field) + "'");
        }
        return (int) v;
    }

    private static double decimal(Map<String, String> t, String field, String where) {
        String v = t.get(field);
        try {
            return Double.parseDouble(v == null ? "" : v.trim());
        } catch (NumberFormatException e) {
            throw new ImportException(where + " " + field, "expected a number, found '" + v + "'");
        }
    }
}
