package io.inferplan.web.common;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/** Every route of the web UI, in one place; links are built here, never by concatenation in templates. */
public final class Routes {

    public static final String HOME = "/";
    public static final String PLAN = "/plan";
    public static final String CHART = "/plan/chart/{file}";
    public static final String CHART_PREFIX = "/plan/chart/";
    public static final String REPORT_PDF = "/plan/report.pdf";
    public static final String REPORT_XLSX = "/plan/report.xlsx";
    public static final String CATALOG = "/catalog";
    public static final String API_EVALUATE = "/api/v1/plans/evaluate";

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

    public static String chart(String file, Map<String, String> params) {
        return withQuery(CHART_PREFIX + file, params);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
