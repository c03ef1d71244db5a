package io.inferplan.plan.csv;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;

import java.util.function.Function;

/** The HTTP side of the CSV forms: the content type, and JSON or CSV by the {@code Accept} header. */
public final class CsvResponses {

    /** {@code text/csv;charset=utf-8}. */
    public static final String CONTENT_TYPE = CsvText.MEDIA_TYPE + ";charset=utf-8";

    private CsvResponses() {
    }

    public static HttpResponse<String> csv(String text) {
        return HttpResponse.ok(text).contentType(CONTENT_TYPE);
    }

    /** The answer as JSON, or as {@code toCsv} gives it when the client asks for CSV only. */
    public static <T> HttpResponse<?> jsonOrCsv(T answer, @Nullable String accept, Function<T, String> toCsv) {
        return wantsCsv(accept) ? csv(toCsv.apply(answer)) : HttpResponse.ok(answer);
    }

    /**
     * For a route mapped to both {@code /x} and {@code /x.csv}: CSV on the {@code .csv} path whatever the
     * {@code Accept} header, else as {@link #jsonOrCsv} decides.
     */
    public static <T> HttpResponse<?> jsonOrCsv(HttpRequest<?> request, T answer, Function<T, String> toCsv) {
        return request.getPath().endsWith(".csv") ? csv(toCsv.apply(answer))
                : jsonOrCsv(answer, request.getHeaders().get(HttpHeaders.ACCEPT), toCsv);
    }

    /** CSV only when asked for explicitly (browsers and scripts sending *&#47;* get JSON). */
    public static boolean wantsCsv(@Nullable String accept) {
        return accept != null && accept.contains(CsvText.MEDIA_TYPE) && !accept.contains(MediaType.APPLICATION_JSON);
    }
}
