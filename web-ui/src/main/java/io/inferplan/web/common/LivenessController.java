package io.inferplan.web.common;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /livez}: the process answers HTTP. No database, catalog or thread inspection (Micronaut's
 * {@code /health/liveness} looks for deadlocked threads, which stops the JVM at a safepoint on every probe), so
 * a probe every second costs nothing; {@code /health/readiness} remains the check that includes the database.
 */
@Controller("/livez")
public class LivenessController {

    @Get(produces = MediaType.TEXT_PLAIN)
    public HttpResponse<String> live() {
        return HttpResponse.ok("ok").header("Cache-Control", "no-store");
    }
}
