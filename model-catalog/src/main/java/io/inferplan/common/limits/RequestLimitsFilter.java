package io.inferplan.common.limits;

import io.inferplan.common.http.FilterOrder;
import io.inferplan.common.problem.Problem;
import io.inferplan.common.problem.ProblemHandler;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.util.HttpClientAddressResolver;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

/**
 * The configured abuse limits ({@link LimitsConfiguration}): a client's writes beyond its rate are a 429, and an
 * expensive request beyond the concurrency limit is a 503 at once rather than a queue without bound; both say when
 * to retry ({@code Retry-After}, seconds). The permit of an expensive request is given back with its response.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Order(FilterOrder.LIMITS)
public class RequestLimitsFilter {

    private static final Set<HttpMethod> WRITES = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    private static final String PERMIT = RequestLimitsFilter.class.getName() + ".permit";

    private final LimitsConfiguration config;
    private final List<RoutePattern> expensive;
    private final List<RoutePattern> computing;
    private final Semaphore expensiveSlots;
    private final WriteRateLimiter writes;
    private final HttpClientAddressResolver clients;

    public RequestLimitsFilter(LimitsConfiguration config, HttpClientAddressResolver clients) {
        this.config = config;
        this.expensive = RoutePattern.parseAll(config.getExpensiveRoutes());
        this.computing = RoutePattern.parseAll(config.getComputingRoutes());
        this.expensiveSlots = new Semaphore(Math.max(1, config.getExpensiveConcurrency()));
        this.writes = new WriteRateLimiter(config.getWritesPerMinute(), config.getWriteBurst());
        this.clients = clients;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        String method = request.getMethodName();
        String path = request.getPath();
        if (config.getWritesPerMinute() > 0 && WRITES.contains(request.getMethod()) && !RoutePattern.any(computing, method, path)) {
            String client = clients.resolve(request);
            long wait = writes.tryAcquire(client == null ? "unknown" : client, System.nanoTime());
            if (wait > 0) {
                return refuse(429, "Too many writes", "this client made more than " + config.getWritesPerMinute()
                        + " writes a minute (bursts of " + config.getWriteBurst() + "); retry in " + wait + " s", wait);
            }
        }
        if (config.getExpensiveConcurrency() > 0 && RoutePattern.any(expensive, method, path)) {
            if (!expensiveSlots.tryAcquire()) {
                return refuse(503, "Busy", config.getExpensiveConcurrency() + " expensive requests (optimizer, fleet sizing, "
                        + "sweeps, refits) are running on this server already; retry in "
                        + config.getExpensiveRetryAfterSeconds() + " s", config.getExpensiveRetryAfterSeconds());
            }
            request.setAttribute(PERMIT, Boolean.TRUE);
        }
        return null;
    }

    @ResponseFilter
    public void release(HttpRequest<?> request) {
        if (request.getAttribute(PERMIT).isPresent()) {
            request.removeAttribute(PERMIT, Object.class);
            expensiveSlots.release();
        }
    }

    /** Expensive requests that may start now (for tests and metrics). */
    public int freeExpensiveSlots() {
        return expensiveSlots.availablePermits();
    }

    private static HttpResponse<Problem> refuse(int status, String title, String detail, long retryAfterSeconds) {
        return ProblemHandler.respond(new Problem("about:blank", title, status, detail, List.of()))
                .header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
    }
}
