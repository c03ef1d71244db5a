package io.inferplan.engine.calibration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which of a run's statistics enter a user refit. The engine predicts means (engine.md, api-contract "ttftMs and
 * tpotMs are means"), so of one run's latency figures the mean is fitted; a median stands in only where the file
 * has no mean (SGLang's first JSONL layout); percentiles are kept in the answer as rows not used. Throughputs carry
 * no statistic and are always fitted.
 */
final class FitSelection {

    private FitSelection() {
    }

    /** The rows to fit, and the rows left out with the reason. */
    record Chosen(List<Measurement> rows, List<CalibrationProfiles.Unusable> unusable) {
    }

    static Chosen choose(List<Measurement> all) {
        Map<String, List<Measurement>> byRunAndMetric = new LinkedHashMap<>();
        for (Measurement m : all) {
            byRunAndMetric.computeIfAbsent(key(m), k -> new ArrayList<>()).add(m);
        }
        List<Measurement> rows = new ArrayList<>();
        List<CalibrationProfiles.Unusable> unusable = new ArrayList<>();
        for (List<Measurement> group : byRunAndMetric.values()) {
            boolean hasMean = group.stream().anyMatch(m -> isMean(stat(m)));
            for (Measurement m : group) {
                String s = stat(m);
                if (isMean(s)) {
                    rows.add(m);
                } else if (s.equals("median") && !hasMean) {
                    rows.add(m);
                } else if (s.equals("median")) {
                    unusable.add(new CalibrationProfiles.Unusable(m.id(), m.metric(), s,
                            "median: the engine predicts means, and the run's mean is used"));
                } else {
                    unusable.add(new CalibrationProfiles.Unusable(m.id(), m.metric(), s,
                            s + ": the engine predicts means, not percentiles"));
                }
            }
        }
        return new Chosen(rows, unusable);
    }

    private static String stat(Measurement m) {
        return m.statistic() == null ? "" : m.statistic().trim().toLowerCase(Locale.ROOT);
    }

    /** Empty = not stated, read as a mean (the corpus's convention). */
    private static boolean isMean(String s) {
        return s.isEmpty() || s.equals("mean") || s.equals("avg") || s.equals("average");
    }

    /** One run's one metric: every column but the value, the statistic, the id and the notes. */
    private static String key(Measurement m) {
        return String.join("|", m.sourceUrl(), m.framework(), m.model(), m.weightFormat(), m.kvCacheFormat(),
                m.accelerator(), m.acceleratorCount(), m.tensorParallel(), m.inputTokens(), m.outputTokens(), m.mode(),
                m.concurrency(), m.requestsPerSecond(), m.requestCount(), m.metric());
    }
}
