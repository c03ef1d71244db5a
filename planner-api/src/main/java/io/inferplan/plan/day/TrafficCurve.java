package io.inferplan.plan.day;

import io.inferplan.common.problem.ProblemException;
import io.micronaut.core.annotation.Nullable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The traffic of a day plan as one mean request rate per hour: given as such, or from a CSV of timestamps and
 * rates where each rate holds until the next timestamp (a step curve, as monitoring exports sample it) and an hour's
 * rate is the time-weighted mean over the part of the hour the CSV covers.
 *
 * @param requestsPerSecond one rate per hour
 * @param startTimes        each hour's start ({@code 2026-12-01T13:00}, in the CSV's offset), or null for hourly rates
 */
public record TrafficCurve(double[] requestsPerSecond, @Nullable List<String> startTimes) {

    public static final int MAX_HOURS = 168;
    static final double MAX_RATE = 1e6;
    private static final int MAX_ROWS = 100_000;

    public int hours() {
        return requestsPerSecond.length;
    }

    /** The hourly form; a bad entry is a 400 naming its index. */
    static TrafficCurve hourly(List<Double> rates) {
        if (rates.isEmpty() || rates.size() > MAX_HOURS) {
            throw ProblemException.badRequest("hourlyRequestsPerSecond", "must list 1 to " + MAX_HOURS
                    + " hourly rates (24 for a day), requests per second; got " + rates.size());
        }
        double[] out = new double[rates.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = rate(rates.get(i), "hourlyRequestsPerSecond[" + i + "]");
        }
        return new TrafficCurve(out, null);
    }

    /** The CSV form; a bad row is a 400 naming {@code trafficCsv} and the line. */
    static TrafficCurve csv(String text) {
        List<LocalDateTime> times = new ArrayList<>();
        List<Double> rates = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setCommentMarker('#')
                .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).setIgnoreHeaderCase(true).build();
        ZoneOffset offset = null;
        try (CSVParser p = CSVParser.parse(new StringReader(text), format)) {
            if (!p.getHeaderMap().containsKey("timestamp") || !p.getHeaderMap().containsKey("requestspersecond")) {
                throw bad("the first line must be the header timestamp,requestsPerSecond; got " + p.getHeaderNames());
            }
            for (CSVRecord row : p) {
                if (times.size() >= MAX_ROWS) {
                    throw bad("at most " + MAX_ROWS + " rows");
                }
                long line = p.getCurrentLineNumber();
                String when = row.isMapped("timestamp") && row.isSet("timestamp") ? row.get("timestamp") : "";
                String what = row.isSet("requestsPerSecond") ? row.get("requestsPerSecond") : "";
                OffsetDateTime t = timestamp(when, offset, line);
                offset = t.getOffset();
                LocalDateTime local = t.toLocalDateTime();
                if (!times.isEmpty() && !local.isAfter(times.get(times.size() - 1))) {
                    throw bad("line " + line + ": timestamps must increase (" + when + " is not after the previous row)");
                }
                double r;
                try {
                    r = Double.parseDouble(what);
                } catch (NumberFormatException e) {
                    throw bad("line " + line + ": requestsPerSecond '" + what + "' is not a number (use . as decimal separator)");
                }
                times.add(local);
                rates.add(rate(r, "trafficCsv", "line " + line + ": "));
            }
        } catch (IOException | IllegalStateException | IllegalArgumentException e) {
            throw bad("is not readable CSV: " + e.getMessage());
        }
        if (times.isEmpty()) {
            throw bad("has no rows: give timestamp,requestsPerSecond lines after the header");
        }
        return bucket(times, rates);
    }

    /** Hour buckets from the first row's hour to the last row's hour; the last rate holds to the end of its hour. */
    static TrafficCurve bucket(List<LocalDateTime> times, List<Double> rates) {
        LocalDateTime first = times.get(0).truncatedTo(ChronoUnit.HOURS);
        LocalDateTime endOfLast = times.get(times.size() - 1).truncatedTo(ChronoUnit.HOURS).plusHours(1);
        long hours = ChronoUnit.HOURS.between(first, endOfLast);
        if (hours > MAX_HOURS) {
            throw bad("covers " + hours + " hours; at most " + MAX_HOURS + " (a week)");
        }
        double[] integral = new double[(int) hours];
        double[] covered = new double[(int) hours];
        for (int i = 0; i < times.size(); i++) {
            double from = seconds(first, times.get(i));
            double to = i + 1 < times.size() ? seconds(first, times.get(i + 1)) : hours * 3600.0;
            for (int h = (int) (from / 3600); h < hours && h * 3600.0 < to; h++) {
                double overlap = Math.min(to, (h + 1) * 3600.0) - Math.max(from, h * 3600.0);
                integral[h] += rates.get(i) * overlap;
                covered[h] += overlap;
            }
        }
        double[] out = new double[(int) hours];
        List<String> starts = new ArrayList<>();
        for (int h = 0; h < hours; h++) {
            out[h] = integral[h] / covered[h];
            starts.add(first.plusHours(h).toString());
        }
        return new TrafficCurve(out, starts);
    }

    private static double seconds(LocalDateTime from, LocalDateTime to) {
        return ChronoUnit.MILLIS.between(from, to) / 1000.0;
    }

    /** ISO-8601 with an offset or Z, or a local date-time ('T' or a space) read in the offset of the rows before. */
    private static OffsetDateTime timestamp(String text, @Nullable ZoneOffset offset, long line) {
        String s = text.trim().replace(' ', 'T');
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).atOffset(offset == null ? ZoneOffset.UTC : offset);
            } catch (DateTimeParseException e2) {
                throw bad("line " + line + ": timestamp '" + text + "' is not ISO-8601 (2026-12-01T13:00:00Z or 2026-12-01 13:00)");
            }
        }
    }

    private static double rate(Double v, String field) {
        return rate(v, field, "");
    }

    private static double rate(Double v, String field, String where) {
        if (v == null || !Double.isFinite(v) || v < 0 || v > MAX_RATE) {
            throw ProblemException.badRequest(field, where + "must be a number of requests per second between 0 and "
                    + String.format(Locale.ROOT, "%.0f", MAX_RATE));
        }
        return v;
    }

    private static ProblemException bad(String message) {
        return ProblemException.badRequest("trafficCsv", message);
    }
}
