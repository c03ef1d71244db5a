package io.inferplan.engine.calibration.imports;

import io.inferplan.engine.calibration.Measurement;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Figure;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Setup;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Workload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a parsed file and the user's {@link SetupFields} into measurement rows (the corpus's columns), one per
 * figure. Every field the engine needs and neither the file nor the query gives is collected, so one refusal
 * names all of them with what the file did say.
 */
public final class ImportedRows {

    private ImportedRows() {
    }

    /** Maps a model name as a file writes it (a Hugging Face repo id, a GGUF path) to a catalog id, if unique. */
    @FunctionalInterface
    public interface ModelNames {
        Optional<String> idOf(String rawName);

        static ModelNames none() {
            return raw -> Optional.empty();
        }
    }

    /** A needed field that is missing, and what to send. */
    public record FieldProblem(String field, String message) {
    }

    /** Needed fields that neither the file nor the query gives. */
    public static class MissingFields extends RuntimeException {
        private final List<FieldProblem> problems;

        public MissingFields(List<FieldProblem> problems) {
            super(problems.size() + " field(s) needed: " + problems, null, false, false);
            this.problems = List.copyOf(problems);
        }

        public List<FieldProblem> problems() {
            return problems;
        }
    }

    /** The rows, and remarks on query fields that were not needed (the file stated those values). */
    public record Result(List<Measurement> rows, List<String> notes) {
    }

    /**
     * @param uploadName the profile name: rows of a tool file get ids {@code <name>-1 …} and the source
     *                   {@code upload:<name>} (one source, one publisher: the fit weighs them as one harness)
     * @throws MissingFields naming every needed field that is missing
     */
    public static Result build(ParsedFile file, SetupFields fields, ModelNames names, String uploadName,
                               ImportFormat format) {
        Map<String, FieldProblem> problems = new LinkedHashMap<>();
        Set<String> rawModels = new LinkedHashSet<>();
        file.runs().forEach(r -> {
            if (r.setup().rawModel() != null) {
                rawModels.add(r.setup().rawModel());
            }
        });
        if (fields.model() != null && rawModels.size() > 1) {
            problems.put("model", new FieldProblem("model", "the file holds runs of " + rawModels.size()
                    + " models (" + String.join(", ", rawModels) + "): one model= cannot describe them all; upload "
                    + "each model's runs in a file of their own"));
        }
        List<Measurement> rows = new ArrayList<>();
        boolean lengthsFromQueryUsed = false;
        for (BenchmarkRun run : file.runs()) {
            Setup s = run.setup();
            Workload w = run.workload();
            // a measurements CSV states catalog ids: its cells win; a tool file only guesses: the user's fields win
            boolean csv = run.origin() != null;
            String model = Figures.first(pick(csv, fields.model(), s.model()),
                    s.rawModel() == null ? null : names.idOf(s.rawModel()).orElse(null));
            need(problems, model, "model", s.rawModel() == null
                    ? "the file does not name the model: give model=<catalog id> (see GET /api/v1/models)"
                    : "the file names the model '" + s.rawModel() + "', which matches no catalog model: give "
                    + "model=<catalog id> (see GET /api/v1/models)");
            String weights = pick(csv, fields.weightFormat(), s.weightFormat());
            need(problems, weights, "weightFormat", s.rawWeightFormat() == null
                    ? "the file does not say how the weights are stored: give weightFormat=<id> (see GET "
                    + "/api/v1/weight-formats)"
                    : "the file's weight type '" + s.rawWeightFormat() + "' has no catalog id: give weightFormat=<id>");
            String accelerator = pick(csv, fields.accelerator(), s.accelerator());
            need(problems, accelerator, "accelerator", s.rawAccelerator() == null
                    ? "the file does not name the accelerator: give accelerator=<catalog id> (see GET "
                    + "/api/v1/accelerators)"
                    : "the file says '" + s.rawAccelerator() + "': give accelerator=<catalog id> (see GET "
                    + "/api/v1/accelerators)");
            Integer count = pick(csv, fields.acceleratorCount(), s.acceleratorCount());
            need(problems, count, "acceleratorCount", "the file does not say how many accelerators served the run: "
                    + "give acceleratorCount=<n>");
            String framework = pick(csv, fields.framework(), s.framework());
            need(problems, framework, "framework", "the file does not say which server answered (a client such as "
                    + "'openai' talks to any OpenAI-compatible server): give framework=<id> (see GET "
                    + "/api/v1/frameworks)");
            String in = Figures.first(w.inputTokens(), Objects.toString(fields.inputTokens(), null));
            String out = Figures.first(w.outputTokens(), Objects.toString(fields.outputTokens(), null));
            need(problems, in, "inputTokens", "the file does not state the prompt length: give inputTokens=<tokens>");
            need(problems, out, "outputTokens", "the file does not state the output length: give outputTokens=<tokens>");
            lengthsFromQueryUsed |= w.inputTokens() == null || w.outputTokens() == null;
            if (!problems.isEmpty()) {
                continue;
            }
            Integer tp = s.tensorParallel() != null && count % s.tensorParallel() == 0 ? s.tensorParallel() : null;
            for (Figure f : run.figures()) {
                if (run.origin() != null) {
                    rows.add(filled(run.origin().row(), model, weights, accelerator, count, framework, in, out));
                } else {
                    rows.add(new Measurement(uploadName + "-" + (rows.size() + 1),
                            "upload:" + uploadName + " (" + format.id() + ")", framework,
                            Objects.toString(s.frameworkVersion(), ""), model, weights,
                            Objects.toString(s.kvCacheFormat(), ""), accelerator, count.toString(),
                            tp == null ? "" : tp.toString(), in, out, w.mode(),
                            w.concurrency() == null ? "" : w.concurrency().toString(),
                            w.requestsPerSecond() == null ? "" : Figures.plain(w.requestsPerSecond()), f.metric(),
                            f.value(), Objects.toString(w.rawConcurrency(), ""),
                            run.notes() + "; " + run.where() + " " + f.field(), "upload:" + uploadName, f.statistic(),
                            w.requestCount() == null ? "" : w.requestCount().toString()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new MissingFields(new ArrayList<>(problems.values()));
        }
        List<String> notes = new ArrayList<>();
        if (!lengthsFromQueryUsed && (fields.inputTokens() != null || fields.outputTokens() != null)) {
            notes.add("inputTokens / outputTokens were not used: the file states the lengths it measured");
        }
        return new Result(rows, notes);
    }

    /** A posted CSV row with its empty id, count and length cells filled; everything it states is kept. */
    private static Measurement filled(Measurement m, String model, String weights, String accelerator, int count,
                                      String framework, String in, String out) {
        return new Measurement(m.id(), m.sourceUrl(), framework, m.frameworkVersion(), model, weights,
                m.kvCacheFormat(), accelerator, blank(m.acceleratorCount()) ? String.valueOf(count) : m.acceleratorCount(),
                m.tensorParallel(), blank(m.inputTokens()) ? in : m.inputTokens(),
                blank(m.outputTokens()) ? out : m.outputTokens(), m.mode(), m.concurrency(), m.requestsPerSecond(),
                m.metric(), m.value(), m.rawConcurrency(), m.notes(), m.publisher(), m.statistic(), m.requestCount());
    }

    private static void need(Map<String, FieldProblem> problems, Object value, String field, String message) {
        if (value == null) {
            problems.putIfAbsent(field, new FieldProblem(field, message));
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The query's value over the file's guess, except for a measurements CSV whose cells are catalog ids. */
    private static <T> T pick(boolean fileFirst, T query, T file) {
        return fileFirst ? Figures.first(file, query) : Figures.first(query, file);
    }

}
