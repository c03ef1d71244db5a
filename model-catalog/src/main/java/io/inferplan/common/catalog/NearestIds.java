package io.inferplan.common.catalog;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Suggests the valid ids closest to a mistyped one (edit distance, with substring matches first). */
public final class NearestIds {

    private static final int MAX_SUGGESTIONS = 3;

    private NearestIds() {
    }

    public static List<String> of(String wanted, List<String> valid) {
        if (wanted == null || wanted.isBlank()) {
            return valid.stream().limit(MAX_SUGGESTIONS).toList();
        }
        String w = wanted.toLowerCase(Locale.ROOT);
        String probe = w.length() > 64 ? w.substring(0, 64) : w;
        return valid.stream()
                .sorted(Comparator.<String>comparingInt(v -> v.contains(probe) || probe.contains(v) ? 0 : 1)
                        .thenComparingInt(v -> distance(probe, v))
                        .thenComparing(v -> v))
                .limit(MAX_SUGGESTIONS)
                .toList();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
