package io.inferplan.engine.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code String.format(Locale.ROOT, …)} remembered by its pattern and arguments: formatting costs microseconds, and
 * the same few notes (an accelerator's capacity, SGLang's automatic memory fraction) recur on every plan of a
 * search. Bounded: emptied when full. The text is exactly what {@code String.format} gives.
 */
final class FormattedNotes {
    private static final Map<List<Object>, String> KNOWN = new ConcurrentHashMap<>();
    private static final int MAX_KNOWN = 4096;

    private FormattedNotes() {
    }

    static String format(String pattern, Object... args) {
        List<Object> key = new ArrayList<>(args.length + 1);
        key.add(pattern);
        key.addAll(Arrays.asList(args));
        String text = KNOWN.get(key);
        if (text == null) {
            text = String.format(Locale.ROOT, pattern, args);
            if (KNOWN.size() >= MAX_KNOWN) {
                KNOWN.clear();
            }
            KNOWN.put(key, text);
        }
        return text;
    }
}
