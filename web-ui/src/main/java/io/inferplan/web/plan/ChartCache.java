package io.inferplan.web.plan;

import io.inferplan.common.http.ETags;
import io.inferplan.plan.catalog.PlanCatalog;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.function.Supplier;

/**
 * The result page's charts once drawn, by chart file, plan inputs and catalog version, with the content's hash as
 * ETag. A result page asks for four charts, each of which re-evaluates the plan (two of them sweep it), and a browser
 * asks again on every reload; a chart depends on nothing else, so the second time costs a map look-up. The plan's
 * PDF and XLSX reports are kept here too (files {@code report/…}: a PDF is ~180 KB, an XLSX ~14 KB), for the same
 * reasons: a report is drawn from the kept page, charts and page layout being the larger part of its cost. The catalog
 * version is read on every call, so a catalog change on any replica makes the old entries unreachable at once.
 * Bounded by bytes (least recently used out first).
 */
@Singleton
public class ChartCache {

    /**
     * Rendered bytes kept at most: ~ 400 SVG charts of ~ 20 KB, or ~ 40 PDF reports; small next to the heap the
     * service runs with.
     */
    static final long MAX_BYTES = 8L * 1024 * 1024;

    private final PlanCatalog catalog;
    private final LinkedHashMap<Key, Drawn> drawn = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    public ChartCache(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    /** A drawn chart and its strong ETag. */
    public record Drawn(byte[] bytes, String etag) {

        /**
         * The chart, or {@code 304} when the request already holds it. {@code no-cache}: a browser keeps it but
         * asks again, since a catalog change may redraw it.
         */
        public MutableHttpResponse<byte[]> answer(HttpRequest<?> request, MediaType type) {
            if (ETags.matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), etag)) {
                return HttpResponse.<byte[]>status(HttpStatus.NOT_MODIFIED).header(HttpHeaders.ETAG, etag)
                        .header(HttpHeaders.CACHE_CONTROL, "no-cache");
            }
            return HttpResponse.ok(bytes).contentType(type).header(HttpHeaders.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
    }

    private record Key(String file, PlanForm form, String catalogVersion) {
    }

    /**
     * The chart {@code file} of the plan {@code form}, drawn by {@code draw} unless already drawn at this catalog
     * version. A refusal thrown by {@code draw} is not kept.
     */
    public Drawn get(String file, PlanForm form, Supplier<byte[]> draw) {
        Key key = new Key(file, form, catalog.current().version());
        synchronized (this) {
            Drawn d = drawn.get(key);
            if (d != null) {
                return d;
            }
        }
        byte[] content = draw.get(); // outside the lock: two first requests may both draw, which is harmless
        Drawn d = new Drawn(content, ETags.ofContent(content));
        synchronized (this) {
            Drawn replaced = drawn.put(key, d);
            bytes += content.length - (replaced == null ? 0 : replaced.bytes().length);
            var oldest = drawn.entrySet().iterator();
            while (bytes > MAX_BYTES && oldest.hasNext()) {
                bytes -= oldest.next().getValue().bytes().length;
                oldest.remove();
            }
        }
        return d;
    }
}
