package io.inferplan.web.common;

import io.inferplan.common.http.FilterOrder;
import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.Problem;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.views.ViewsRenderer;
import io.micronaut.views.ViewsRendererLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;

/**
 * Pages a browser can read, and rendering that cannot hang.
 * <ul>
 *   <li>A rendered view is written out here, before the response leaves: a template that fails is a 500 answered
 *       at once (written lazily, the failure came after the status line and the connection hung).</li>
 *   <li>A refusal (problem+json) to a request whose {@code Accept} prefers {@code text/html} becomes an HTML page
 *       in the site's layout with the same status, detail and fields; API clients keep problem+json.</li>
 * </ul>
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(FilterOrder.ERROR_PAGES)
public class ErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorPages.class);
    static final String VIEW = "error";
    private static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";

    /** The error page's model. */
    @Introspected
    public record ErrorPage(Nav nav, String title, int status, String detail, List<FieldError> errors,
                            @Nullable String retryAfterSeconds) {
    }

    private final ViewsRendererLocator renderers;

    public ErrorPages(ViewsRendererLocator renderers) {
        this.renderers = renderers;
    }

    @ResponseFilter
    public void render(HttpRequest<?> request, MutableHttpResponse<?> response) {
        if (response.body() instanceof Writable view) {
            try {
                response.body(write(view));
            } catch (IOException | RuntimeException e) {
                LOG.error("{} {}: the page could not be rendered", request.getMethod(), request.getPath(), e);
                response.status(500).contentType(MediaType.of(Problem.MEDIA_TYPE)).body(new Problem("about:blank",
                        "Internal error", 500, "the page could not be rendered; the cause is logged", List.of()));
            }
        }
        if (response.body() instanceof Problem problem && prefersHtml(request)) {
            ErrorPage page = new ErrorPage(Nav.at(""), problem.title(), problem.status(), problem.detail(), problem.errors(),
                    response.getHeaders().get(HttpHeaders.RETRY_AFTER));
            response.body(page(page, request)).contentType(HTML);
        }
    }

    /** The error page in the layout, or a bare page when even that cannot be rendered. */
    private String page(ErrorPage page, HttpRequest<?> request) {
        try {
            Optional<ViewsRenderer> renderer = renderers.resolveViewsRenderer(VIEW, MediaType.TEXT_HTML, page);
            if (renderer.isPresent()) {
                @SuppressWarnings("unchecked")
                Writable w = ((ViewsRenderer<Object, HttpRequest<?>>) renderer.get()).render(VIEW, page, request);
                return write(w);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("the error page could not be rendered", e);
        }
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"/><title>" + escape(page.title())
                + " · InferPlan</title></head><body><h1>" + escape(page.title()) + "</h1><p>" + page.status() + " "
                + escape(page.detail()) + "</p><p><a href=\"/\">InferPlan</a></p></body></html>";
    }

    /** True when the client lists text/html at least as high as JSON (a browser, not an API client). */
    static boolean prefersHtml(HttpRequest<?> request) {
        List<MediaType> accept = request.getHeaders().accept();
        double html = quality(accept, "text/html");
        return html > 0 && html >= quality(accept, "application/json") && html >= quality(accept, Problem.MEDIA_TYPE);
    }

    private static double quality(List<MediaType> accept, String type) {
        return accept.stream().filter(m -> m.getName().equalsIgnoreCase(type)).mapToDouble(m -> m.getQualityAsNumber().doubleValue())
                .max().orElse(0);
    }

    private static String write(Writable view) throws IOException {
        StringWriter out = new StringWriter();
        view.writeTo(out);
        return out.toString();
    }

    private static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
