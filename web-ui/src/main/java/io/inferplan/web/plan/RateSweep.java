package io.inferplan.web.plan;

import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.web.common.Routes;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Latency percentiles vs request rate: the same plan in arrival-rate mode at rates from 10 % to 120 % of its
 * saturated request rate (the max-throughput answer of the same plan ÷ output tokens per request). Each point is
 * the engine's own arrival-rate answer; the first rate it says exceeds capacity is marked. The same rates are
 * offered as the sweep CSV of the API, so a spreadsheet gets exactly the page's numbers.
 */
@Singleton
public class RateSweep {

    /** Rates swept, as fractions of the saturated rate: denser near capacity, where latency turns up. */
    public static final List<Double> FRACTIONS_OF_CAPACITY = List.of(0.1, 0.3, 0.5, 0.65, 0.8, 0.9, 1.0, 1.2);

    /** Rates are rounded to this many significant digits, so the page and its CSV link ask for the same rate. */
    private static final MathContext RATE_DIGITS = new MathContext(3);

    private final PlanService plans;

    public RateSweep(PlanService plans) {
        this.plans = plans;
    }

    /**
     * The plan at one arrival rate.
     *
     * @param requestsPerSecondText the rate as asked (query value of the CSV link)
     * @param fractionOfCapacity    the rate ÷ the saturated rate
     * @param exceedsCapacity       the engine's answer: the queue grows without bound (no TTFT then)
     * @param refused               why this rate could not be planned (null when it was)
     */
    public record Point(String requestsPerSecondText, double requestsPerSecond, double requestsPerSecondPerReplica,
                        double fractionOfCapacity, Double ttftP50Ms, Double ttftP95Ms, Double ttftP99Ms,
                        Double tpotP95Ms, Double outputTokensPerSecond, boolean exceedsCapacity, String refused) {

        /** A latency answer within capacity. */
        public boolean served() {
            return refused == null && !exceedsCapacity;
        }
    }

    /**
     * @param capacityRequestsPerSecond the deployment's saturated request rate (null: the plan has no speed answer)
     * @param replicas                  replicas of the deployment (the rate is spread over them)
     * @param firstExceeding            the lowest swept rate beyond capacity (null: every swept rate was served)
     * @param csvHref                   the same sweep from {@code /api/v1/plans/sweep.csv}
     */
    public record Sweep(Double capacityRequestsPerSecond, int replicas, List<Point> points, Point firstExceeding,
                        String csvHref) {

        /** The highest rate swept (req/s), 0 when nothing was swept. */
        public double maxRequestsPerSecond() {
            return points.isEmpty() ? 0 : points.get(points.size() - 1).requestsPerSecond();
        }
    }

    public Sweep of(PlanForm form, PlanResponse plan) {
        int replicas = plan.plan().parallelism().replicas();
        Double capacity = capacity(form);
        if (capacity == null) {
            return new Sweep(null, replicas, List.of(), null, null);
        }
        List<String> rates = FRACTIONS_OF_CAPACITY.stream().map(f -> rate(capacity * f)).distinct().toList();
        List<Point> points = new ArrayList<>();
        for (String rate : rates) {
            points.add(point(form, rate, capacity, replicas));
        }
        Point first = points.stream().filter(Point::exceedsCapacity).findFirst().orElse(null);
        return new Sweep(capacity, replicas, List.copyOf(points), first, csvHref(form, rates));
    }

    /** The saturated request rate of the whole deployment, or null when the plan has no throughput answer. */
    private Double capacity(PlanForm form) {
        PlanForm.Parsed parsed = form.withMaxThroughput().parse();
        if (!parsed.ok()) {
            return null;
        }
        try {
            PlanResponse saturated = plans.evaluate(parsed.request());
            PlanResponse.PerformanceBlock p = saturated.performance();
            if (p == null || p.outputTokensPerSecond() == null || !(p.outputTokensPerSecond() > 0)) {
                return null;
            }
            return p.outputTokensPerSecond() / saturated.plan().workload().outputTokens();
        } catch (ProblemException refused) {
            return null;
        }
    }

    private Point point(PlanForm form, String rate, double capacity, int replicas) {
        double rps = Double.parseDouble(rate);
        PlanForm.Parsed parsed = form.withRequestsPerSecond(rate).parse();
        String refused = parsed.ok() ? null : parsed.errors().get(0).message();
        if (refused == null) {
            try {
                PlanResponse.PerformanceBlock p = plans.evaluate(parsed.request()).performance();
                if (p != null) {
                    boolean exceeds = Boolean.TRUE.equals(p.exceedsCapacity());
                    return new Point(rate, rps, rps / replicas, rps / capacity, p.ttftP50Ms(), p.ttftP95Ms(),
                            p.ttftP99Ms(), p.tpotP95Ms(), p.outputTokensPerSecond(), exceeds, null);
                }
                refused = "no speed answer for this plan";
            } catch (ProblemException e) {
                refused = e.getMessage();
            }
        }
        return new Point(rate, rps, rps / replicas, rps / capacity, null, null, null, null, null, false, refused);
    }

    /** {@code rps} to {@link #RATE_DIGITS} significant digits, as plain text ("0.434", "13", "1250"). */
    static String rate(double rps) {
        return new BigDecimal(rps).round(RATE_DIGITS).stripTrailingZeros().toPlainString();
    }

    /** The API's sweep CSV of the same plan at the same rates (the form's fields under the API's names). */
    static String csvHref(PlanForm form, List<String> rates) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("vary", "workload.requestsPerSecond");
        q.put("values", String.join(",", rates));
        q.putAll(form.withRequestsPerSecond("").params());
        q.remove("notes");
        q.remove("requestsPerSecond");
        return Routes.withQuery(Routes.API_SWEEP_CSV, q);
    }
}
