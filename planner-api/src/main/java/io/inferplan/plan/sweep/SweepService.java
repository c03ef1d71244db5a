package io.inferplan.plan.sweep;

import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.csv.CsvText;
import io.inferplan.plan.csv.Flattener;
import io.inferplan.plan.csv.PlanCells;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.plan.query.PlanQuery;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates one plan for each value of one parameter: {@code vary=workload.inputTokens&values=1024,8192} or
 * {@code vary=workload.inputTokens&from=1024&to=8192&step=1024}. At most {@value #MAX_VALUES} values. A
 * value whose combination cannot be planned becomes a point with its refusal instead of failing the sweep;
 * a malformed sweep (unknown parameter, non-numeric value, too many values) is a 400.
 */
@Singleton
public class SweepService {

    public static final int MAX_VALUES = 200;

    /** What can be varied, as dotted request paths. */
    public static final List<String> VARIABLE = List.of("workload.inputTokens", "workload.outputTokens",
            "workload.concurrency", "workload.requestsPerSecond", "workload.sharedPrefixTokens", "acceleratorCount",
            "accelerator", "framework", "weightFormat", "kvCacheFormat", "serving.memoryFraction");

    static final Set<String> OWN_PARAMS = Set.of("vary", "values", "from", "to", "step");

    private final PlanService plans;

    public SweepService(PlanService plans) {
        this.plans = plans;
    }

    public SweepResponse sweep(Map<String, List<String>> query) {
        String vary = single(query, "vary");
        String path = vary == null ? null : PlanQuery.canonical(vary);
        if (path == null || !VARIABLE.contains(path)) {
            throw ProblemException.badRequest("vary", (vary == null ? "is required" : "cannot vary '" + vary + "'")
                    + "; one of " + String.join(", ", VARIABLE));
        }
        List<String> values = values(query, path);
        // The fixed parameters, without the varied one (under either of its names).
        Map<String, List<String>> base = new LinkedHashMap<>(query);
        base.keySet().removeIf(k -> path.equals(PlanQuery.canonical(k)));
        PlanQuery.parse(base, OWN_PARAMS); // bad fixed parameters: one 400, not one per point

        List<SweepResponse.Point> points = new ArrayList<>();
        for (String value : values) {
            Map<String, List<String>> q = new LinkedHashMap<>(base);
            q.put(path, List.of(value));
            PlanRequest request;
            try {
                request = PlanQuery.parse(q, OWN_PARAMS);
            } catch (ProblemException e) {
                throw ProblemException.badRequest("values", "'" + value + "' is not a valid " + path + ": "
                        + e.errors().get(0).message());
            }
            try {
                points.add(new SweepResponse.Point(value, plans.evaluate(request), null));
            } catch (ProblemException e) {
                points.add(new SweepResponse.Point(value, null, e.toProblem()));
            }
        }
        return new SweepResponse(path, points);
    }

    /** One row per point: the varied value, the refusal (empty if none), then the evaluate answer's columns. */
    public static String csv(SweepResponse sweep) {
        List<String> header = new ArrayList<>();
        header.add(sweep.vary());
        header.add("error");
        header.addAll(PlanCells.FIELDS);
        List<List<String>> rows = new ArrayList<>();
        for (SweepResponse.Point p : sweep.points()) {
            List<String> row = new ArrayList<>();
            row.add(p.value());
            row.add(p.error() == null ? "" : p.error().detail());
            row.addAll(Flattener.row(PlanResponse.class, p.response()));
            rows.add(row);
        }
        return CsvText.write(header, rows);
    }

    private static List<String> values(Map<String, List<String>> query, String path) {
        String list = single(query, "values");
        String from = single(query, "from");
        String to = single(query, "to");
        String step = single(query, "step");
        boolean range = from != null || to != null || step != null;
        if (list != null && range) {
            throw ProblemException.badRequest("values", "give either values=a,b,c or from, to and step, not both");
        }
        if (list != null) {
            List<String> values = Arrays.stream(list.split(",", -1)).map(String::trim).toList();
            if (values.stream().anyMatch(String::isEmpty)) {
                throw ProblemException.badRequest("values", "must be a comma-separated list without empty items");
            }
            if (values.size() > MAX_VALUES) {
                throw tooMany(values.size());
            }
            return values;
        }
        if (!range) {
            throw ProblemException.badRequest("values", "is required: values=a,b,c or from=…&to=…&step=…");
        }
        if (!PlanQuery.isNumeric(path)) {
            throw ProblemException.badRequest("from", "a range needs a numeric parameter; give values=a,b,c for " + path);
        }
        FieldChecks c = new FieldChecks();
        BigDecimal f = decimal(c, "from", from);
        BigDecimal t = decimal(c, "to", to);
        BigDecimal s = decimal(c, "step", step);
        c.throwIfAny();
        if (s.signum() <= 0) {
            throw ProblemException.badRequest("step", "must be greater than 0");
        }
        if (t.compareTo(f) < 0) {
            throw ProblemException.badRequest("to", "must be at least from (" + f.toPlainString() + ")");
        }
        BigDecimal count = t.subtract(f).divide(s, 0, RoundingMode.FLOOR).add(BigDecimal.ONE);
        if (count.compareTo(BigDecimal.valueOf(MAX_VALUES)) > 0) {
            throw tooMany(count.longValue());
        }
        if (PlanQuery.isWhole(path) && (f.stripTrailingZeros().scale() > 0 || s.stripTrailingZeros().scale() > 0)) {
            throw ProblemException.badRequest("step", path + " is a whole number: from and step must be whole numbers");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < count.intValue(); i++) {
            BigDecimal v = f.add(s.multiply(BigDecimal.valueOf(i)));
            values.add(v.signum() == 0 ? "0" : v.stripTrailingZeros().toPlainString());
        }
        return values;
    }

    private static ProblemException tooMany(long n) {
        return ProblemException.badRequest("values", "a sweep has at most " + MAX_VALUES + " values, this one has " + n
                + "; split it or use a larger step");
    }

    private static BigDecimal decimal(FieldChecks c, String name, String text) {
        if (text == null) {
            c.fail(name, "is required for a range (from, to and step)");
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            c.fail(name, "must be a number with '.' as decimal separator, not '" + text + "'");
            return null;
        }
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.size() > 1) {
            throw ProblemException.badRequest(name, "is given more than once");
        }
        return v.get(0).isBlank() ? null : v.get(0);
    }
}
