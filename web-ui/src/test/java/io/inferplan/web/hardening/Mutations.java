package io.inferplan.web.hardening;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Seeded generators of hostile variants of a valid input: wrong types, extremes, injections, broken structure. */
final class Mutations {

    static final String[] HOSTILE_VALUES = {"null", "true", "\"\"", "[]", "{}", "[1,2]", "-1", "0", "1e308", "-1e308",
            "9223372036854775808", "NaN", "Infinity", "-Infinity", "1.5", "\"1\"", "\"' OR 1=1 --\"",
            "\"<script>alert(1)</script>\"", "\"\\u0000\"", "\"日本語🙂\"", "\"../../etc/passwd\"", "\"%s%n\"",
            "\"h100-sxm'; DROP TABLE model_entry; --\"", "\"" + "x".repeat(100_000) + "\"", "1e-320", "\"fixed-concurrency\""};
    static final String[] HOSTILE_QUERY = {"", "-1", "0", "abc", "1e308", "NaN", "Infinity", "' OR 1=1 --", "<script>x</script>",
            "日本語🙂", "x".repeat(5000), "9223372036854775808", "1,2,3", "%00", "../..", "null", "true"};
    static final List<String> QUERY_NAMES = List.of("model", "weightFormat", "accelerator", "framework", "mode", "inputTokens",
            "outputTokens", "concurrency", "acceleratorCount", "field", "vary", "values", "from", "to", "step", "minMemoryGB",
            "attention", "requestsPerSecond", "memoryFraction", "tensorParallel", "id", "name", "dryRun", "limit", "sourceUrl",
            "accelerators", "frameworks", "ttftP95Ms", "tpotMs", "serving.memoryFraction", "bogus", "_csrf");
    static final String[] HOSTILE_IDS = {"0", "-1", "999999999999999999999", "x", "%2e%2e", "' OR 1=1", "%00", "日本",
            "a".repeat(300), "null", "1e3", "%3Cscript%3E"};
    static final String[] CONTENT_TYPES = {"text/plain", "application/xml", "application/x-www-form-urlencoded",
            "application/json; charset=ISO-8859-1", "garbage", "text/csv", "multipart/form-data; boundary=x"};

    private Mutations() {
    }

    /** Replaces one or two field values (found by name) with hostile ones. */
    static String json(String body, Random random) {
        List<String> fields = fieldNames(body);
        String out = body;
        for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            out = replaceValue(out, fields.get(random.nextInt(fields.size())), HOSTILE_VALUES[random.nextInt(HOSTILE_VALUES.length)]);
        }
        return out;
    }

    /** Adds one to three hostile parameters, or spoils one of the valid ones. */
    static String query(String query, Random random) {
        StringBuilder q = new StringBuilder(query);
        for (int k = 0, n = 1 + random.nextInt(3); k < n; k++) {
            q.append(q.length() == 0 ? "" : "&").append(QUERY_NAMES.get(random.nextInt(QUERY_NAMES.size()))).append('=')
                    .append(URLEncoder.encode(HOSTILE_QUERY[random.nextInt(HOSTILE_QUERY.length)], StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    /** A CSV upload with hostile cells, lines or encodings. */
    static String csv(String csv, Random random) {
        String[] lines = csv.split("\n");
        return switch (random.nextInt(5)) {
            case 0 -> lines[0] + "\n" + String.join(",", HOSTILE_QUERY) + "\n";
            case 1 -> lines[0] + "\n" + (lines[1] + "\n").repeat(6000);
            case 2 -> "\"unterminated,quote\n" + lines[1];
            case 3 -> lines[1].replace(",", ";");
            default -> csv.replace("120", HOSTILE_QUERY[random.nextInt(HOSTILE_QUERY.length)]);
        };
    }

    /** Sets the first occurrence of "field": value to the replacement. */
    static String replaceValue(String json, String field, String replacement) {
        String key = "\"" + field + "\":";
        int at = json.indexOf(key);
        if (at < 0) {
            return json;
        }
        int start = at + key.length();
        if (json.charAt(start) == '{' || json.charAt(start) == '[') {
            return json.substring(0, start) + replacement + json.substring(matching(json, start) + 1);
        }
        int end = start;
        if (json.charAt(start) == '"') {
            end = json.indexOf('"', start + 1) + 1;
        } else {
            while (end < json.length() && ",}]".indexOf(json.charAt(end)) < 0) {
                end++;
            }
        }
        return json.substring(0, start) + replacement + json.substring(end);
    }

    private static int matching(String json, int open) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"' && json.charAt(i - 1) != '\\') {
                inString = !inString;
            } else if (!inString && (c == '{' || c == '[')) {
                depth++;
            } else if (!inString && (c == '}' || c == ']') && --depth == 0) {
                return i;
            }
        }
        return json.length() - 1;
    }

    static List<String> fieldNames(String json) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\"([A-Za-z0-9_]+)\":").matcher(json);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names.isEmpty() ? List.of("x") : names;
    }

    static final List<String> STRUCTURAL_GARBAGE = List.of("", "{", "}", "[]", "null", "\"just a string\"", "{\"model\":",
            "{'model':'x'}", "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
            "{\"model\":\"" + "\uD83D\uDE42".repeat(20000) + "\"}", "\u0000\u0001\u0002", "{\"workload\":{\"mode\":[[[[[]]]]]}}",
            "{\"servng\":{},\"request\":{\"workload\":{\"concurency\":1}}}");
}
