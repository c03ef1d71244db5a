package io.inferplan.engine.calibration.imports;

import com.fasterxml.jackson.databind.JsonNode;
import io.inferplan.engine.calibration.imports.BenchmarkRun.Figure;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Small helpers the parsers share: figures from statistic-named fields, token counts as corpus cells. */
final class Figures {

    static final String THROUGHPUT_TOTAL = "output_tokens_per_second_total";
    static final String PER_REQUEST = "output_tokens_per_second_per_request";
    static final String PREFILL = "prefill_tokens_per_second";
    static final String REQUESTS = "requests_per_second";
    static final String TTFT = "ttft_ms";
    static final String TPOT = "tpot_ms";

    private Figures() {
    }

    /** Adds a figure when the value is a finite, positive number. */
    static void add(List<Figure> out, String metric, String statistic, Double value, String field) {
        if (value != null && Double.isFinite(value) && value > 0) {
            out.add(new Figure(metric, statistic, value, field));
        }
    }

    /**
     * Every {@code mean_<key>_ms}, {@code median_<key>_ms} and {@code p<NN>_<key>_ms} field of a vLLM / SGLang result
     * (their {@code process_one_metric} names), as figures of {@code metric}. Standard deviations are left out.
     *
     * @return whether any such field was present
     */
    static boolean addLatencies(List<Figure> out, JsonNode result, String key, String metric, String where) {
        Pattern p = Pattern.compile("^(mean|median|p\\d+(?:\\.\\d+)?)_" + Pattern.quote(key) + "_ms$");
        boolean any = false;
        for (Iterator<String> it = result.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            Matcher m = p.matcher(field);
            if (m.matches()) {
                any = true;
                add(out, metric, m.group(1), JsonFiles.number(result, field, where), field);
            }
        }
        return any;
    }

    /** A mean token count as the corpus writes it: a whole number, at least 1. */
    static String tokens(double mean) {
        return String.valueOf(Math.max(1, Math.round(mean)));
    }

    /** The first non-null value, or null. */
    @SafeVarargs
    static <T> T first(T... values) {
        for (T v : values) {
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** A number for notes, without trailing zeros. */
    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.valueOf((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
