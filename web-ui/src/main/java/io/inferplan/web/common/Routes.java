package io.inferplan.web.common;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Every route of the web UI, in one place; links are built here, never by concatenation in templates. */
public final class Routes {

    public static final String HOME = "/";
    public static final String PLAN = "/plan";
    public static final String CHART = "/plan/chart/{file}";
    public static final String CHART_PREFIX = "/plan/chart/";
    public static final String TECHNIQUE_CHART = "/plan/technique-chart/{file}";
    public static final String TECHNIQUE_CHART_PREFIX = "/plan/technique-chart/";
    public static final String REPORT_PDF = "/plan/report.pdf";
    public static final String REPORT_XLSX = "/plan/report.xlsx";
    public static final String CATALOG = "/catalog";
    public static final String OPTIMIZE = "/optimize";
    public static final String OPTIMIZE_CHART = "/optimize/pareto.svg";
    public static final String FLEET = "/fleet";
    public static final String ADVISE = "/advise";
    public static final String ADVISE_CHART = "/advise/chart.svg";
    public static final String DAY = "/day";
    public static final String DAY_CHART = "/day/chart.svg";
    public static final String DAY_REPORT_PDF = "/day/report.pdf";
    public static final String DAY_REPORT_XLSX = "/day/report.xlsx";
    public static final String SAVED = "/saved";
    public static final String SAVED_ONE = "/saved/{id}";
    public static final String CALIBRATE = "/calibrate";
    public static final String API_EVALUATE = "/api/v1/plans/evaluate";
    public static final String API_SWEEP_CSV = "/api/v1/plans/sweep.csv";

    private Routes() {
    }

    /** {@code path?k=v&…} with every value URL-encoded; blank values are left out. */
    public static String withQuery(String path, Map<String, String> params) {
        StringJoiner q = new StringJoiner("&");
        params.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                q.add(enc(k) + "=" + enc(v));
            }
        });
        return q.length() == 0 ? path : path + "?" + q;
    }

    /** {@code path?k=v&k=w…} for forms with repeated parameters (multi-selects); blank values are left out. */
    public static String withPairs(String path, List<Map.Entry<String, String>> params) {
        StringJoiner q = new StringJoiner("&");
        for (Map.Entry<String, String> p : params) {
            if (p.getValue() != null && !p.getValue().isBlank()) {
                q.add(enc(p.getKey()) + "=" + enc(p.getValue()));
            }
        }
        return q.length() == 0 ? path : path + "?" + q;
    }

    /** The permalink page of one saved plan. */
    public static String saved(long id) {
        return SAVED + "/" + id;
    }

    public static String chart(String file, Map<String, String> params) {
        return withQuery(CHART_PREFIX + file, params);
    }

    /** A serving technique's chart of this plan ({@code speculative.svg}, {@code lora.png}, …). */
    public static String techniqueChart(String file, Map<String, String> params) {
        return withQuery(TECHNIQUE_CHART_PREFIX + file, params);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
