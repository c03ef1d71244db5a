package io.inferplan.engine.calibration.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Figure;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Setup;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Workload;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code llama-batched-bench} output: the table it prints ({@code | PP | TG | B | N_KV | T_PP s | S_PP t/s | T_TG s |
 * S_TG t/s | T s | S t/s |}, after a {@code main: n_kv_max = …, is_pp_shared = …} line) or, with {@code -jsonl},
 * one JSON object per line ({@code pp}, {@code tg}, {@code pl}, {@code speed_pp}, {@code speed_tg}, …). Schema:
 * llama.cpp {@code tools/batched-bench/batched-bench.cpp} at commit 2fb62f8f. The rest of the console output
 * (model loading) may stay in the file; its {@code file type = …} line names the weight format.
 *
 * <p>Rows follow the corpus's batched-bench convention: B sequences each prefill PP tokens, then decode TG tokens
 * together. S_TG (= B·TG ÷ T_TG) is {@code output_tokens_per_second_total} at {@code fixed-concurrency} B (per
 * request at B = 1), with input "0 (generation after PP-token prompts)"; S_PP is {@code prefill_tokens_per_second}
 * (the engine models it for B = 1 only and says so for the others).
 */
final class BatchedBenchParser {

    private static final Pattern FILE_TYPE = Pattern.compile("file type\\s*=\\s*(.+?)\\s*$");
    private static final Pattern SHARED = Pattern.compile("is_pp_shared\\s*=\\s*(\\d+)");

    private BatchedBenchParser() {
    }

    static ParsedFile parse(byte[] body) {
        String[] lines = new String(body, StandardCharsets.UTF_8).split("\r?\n");
        List<BenchmarkRun> runs = new ArrayList<>();
        String weights = null;
        String rawWeights = null;
        boolean shared = false;
        boolean inTable = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            String where = "line " + (i + 1);
            Matcher ft = FILE_TYPE.matcher(line);
            if (ft.find()) {
                rawWeights = ft.group(1);
                weights = LlamaCppNames.weightFormat("x x " + rawWeights);
            }
            Matcher sh = SHARED.matcher(line);
            if (sh.find()) {
                shared = !"0".equals(sh.group(1));
            }
            if (line.startsWith("{")) {
                JsonNode n;
                try {
                    n = JsonFiles.object(JsonFiles.documents(line.getBytes(StandardCharsets.UTF_8)).get(0), where,
                            "a llama-batched-bench JSON line");
                } catch (ImportException e) {
                    throw new ImportException(where, e.getMessage()); // the position within this line
                }
                Integer sharedFlag = JsonFiles.integer(n, "is_pp_shared", where);
                runs.addAll(rows(where, required(n, "pp", where), required(n, "tg", where), required(n, "pl", where),
                        JsonFiles.number(n, "speed_pp", where), JsonFiles.number(n, "speed_tg", where),
                        sharedFlag != null && sharedFlag != 0));
            } else if (line.startsWith("|") && line.replace(" ", "").startsWith("|PP|TG|B|")) {
                inTable = true;
            } else if (inTable && line.startsWith("|") && !line.startsWith("|-")) {
                String[] c = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length()).split("\\|");
                if (c.length < 8) {
                    throw new ImportException(where, "expected 10 columns (PP | TG | B | N_KV | T_PP s | S_PP t/s | "
                            + "T_TG s | S_TG t/s | T s | S t/s), found " + c.length);
                }
                runs.addAll(rows(where, (int) cell(c, 0, where), (int) cell(c, 1, where), (int) cell(c, 2, where),
                        cell(c, 5, where), cell(c, 7, where), shared));
            } else if (inTable && !line.startsWith("|")) {
                inTable = false;
            }
        }
        if (runs.isEmpty()) {
            throw new ImportException("body", "holds no llama-batched-bench row: expected the table that starts with "
                    + "'|    PP |     TG |    B |' or -jsonl lines");
        }
        List<BenchmarkRun> out = new ArrayList<>();
        for (BenchmarkRun r : runs) {
            out.add(new BenchmarkRun(r.where(), r.setup().withWeights(weights, rawWeights), r.workload(), r.figures(),
                    r.notes()));
        }
        return new ParsedFile(out, List.of());
    }

    private static List<BenchmarkRun> rows(String where, int pp, int tg, int b, Double speedPp, Double speedTg,
                                           boolean shared) {
        Setup setup = Setup.none().withFramework("llama.cpp", null);
        String notes = "llama-batched-bench PP " + pp + ", TG " + tg + ", B " + b + (shared ? " (prompt shared, -pps)"
                : " (prompt not shared)");
        List<BenchmarkRun> out = new ArrayList<>();
        if (tg > 0) {
            List<Figure> f = new ArrayList<>();
            Figures.add(f, b == 1 ? Figures.PER_REQUEST : Figures.THROUGHPUT_TOTAL, "", speedTg, "S_TG t/s");
            String mode = b == 1 ? "single-stream" : "fixed-concurrency";
            out.add(new BenchmarkRun(where + " (S_TG)", setup, new Workload(mode, b, null,
                    "0 (generation after " + pp + "-token prompts)", String.valueOf(tg), null, b + " parallel sequences"),
                    f, notes + "; S_TG = B*TG/T_TG (aggregate)"));
        }
        if (pp > 0) {
            List<Figure> f = new ArrayList<>();
            Figures.add(f, Figures.PREFILL, "", speedPp, "S_PP t/s");
            String mode = b == 1 ? "single-stream" : "fixed-concurrency";
            out.add(new BenchmarkRun(where + " (S_PP)", setup, new Workload(mode, b, null, pp + " per sequence", "1",
                    null, b + " parallel sequences"), f, notes + "; S_PP = " + (shared ? "PP" : "B*PP") + "/T_PP"));
        }
        return out;
    }

    private static int required(JsonNode n, String field, String where) {
        Integer v = JsonFiles.integer(n, field, where);
        if (v == null) {
            throw new ImportException(where + "." + field, "is missing");
        }
        return v;
    }

    private static double cell(String[] c, int i, String where) {
        String v = c[i].trim();
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new ImportException(where + " column " + (i + 1), "expected a number, found '" + v + "'");
        }
    }
}
