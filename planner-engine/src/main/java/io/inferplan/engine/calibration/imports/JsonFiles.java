package io.inferplan.engine.calibration.imports;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading the JSON the benchmark tools write, with errors that say where. Python's {@code json.dump} writes
 * {@code Infinity} and {@code NaN} for non-finite floats (SGLang's {@code request_rate} of an unlimited run), so
 * those are accepted.
 */
final class JsonFiles {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private JsonFiles() {
    }

    /** Every top-level JSON value of the body: one for a JSON file, one per line for JSON Lines. */
    static List<JsonNode> documents(byte[] body) {
        List<JsonNode> out = new ArrayList<>();
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(body)) {
            while (it.hasNextValue()) {
                out.add(it.nextValue());
            }
        } catch (JsonProcessingException e) {
            throw new ImportException(where(e.getLocation()), "not valid JSON: " + e.getOriginalMessage());
        } catch (RuntimeException e) {
            // MappingIterator wraps parse errors in RuntimeJsonMappingException
            Throwable cause = e.getCause();
            if (cause instanceof JsonProcessingException j) {
                throw new ImportException(where(j.getLocation()), "not valid JSON: " + j.getOriginalMessage());
            }
            throw e;
        } catch (IOException e) {
            throw new ImportException("body", "cannot be read: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new ImportException("body", "is empty: expected the tool's JSON result");
        }
        return out;
    }

    static String where(JsonLocation l) {
        return l == null ? "body" : "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /** The object at {@code where}, or an error naming what was expected. */
    static JsonNode object(JsonNode n, String where, String expected) {
        if (n == null || !n.isObject()) {
            throw new ImportException(where, "expected " + expected + " (a JSON object)");
        }
        return n;
    }

    /** A number field; null when absent or null. Numeric strings ("12.5") are read too; "inf" is infinity. */
    static Double number(JsonNode n, String field, String where) {
        JsonNode v = n == null ? null : n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isTextual()) {
            String s = v.textValue().trim();
            if (s.equalsIgnoreCase("inf") || s.equalsIgnoreCase("infinity")) {
                return Double.POSITIVE_INFINITY;
            }
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new ImportException(where + "." + field, "expected a number, found \"" + s + "\"");
            }
        }
        throw new ImportException(where + "." + field, "expected a number, found " + v.getNodeType());
    }

    /** A whole-number field; null when absent or null. */
    static Integer integer(JsonNode n, String field, String where) {
        Double d = number(n, field, where);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || Double.isInfinite(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new ImportException(where + "." + field, "expected a whole number, found " + d);
        }
        return d.intValue();
    }

    /** A text field (numbers are given as their text); null when absent or null. */
    static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() || v.isContainerNode() ? null : v.asText();
    }

    /** The first element of a list field, or the field itself when it is text (model names). */
    static String firstText(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        if (v != null && v.isArray() && !v.isEmpty()) {
            return v.get(0).isNull() ? null : v.get(0).asText();
        }
        return text(n, field);
    }

    /** The node at a dotted path of object fields, or null. */
    static JsonNode at(JsonNode n, String... path) {
        JsonNode cur = n;
        for (String p : path) {
            if (cur == null || !cur.isObject()) {
                return null;
            }
            cur = cur.get(p);
        }
        return cur == null || cur.isNull() ? null : cur;
    }
}
