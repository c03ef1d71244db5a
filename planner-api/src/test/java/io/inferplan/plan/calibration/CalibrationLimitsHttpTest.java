package io.inferplan.plan.calibration;

import io.inferplan.common.problem.Problem;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The upload's bounds, set low here so the samples reach them: body bytes, rows, fit time. */
@MicronautTest
@Property(name = "inferplan.calibration.max-body-bytes", value = "4096")
@Property(name = "inferplan.calibration.max-rows", value = "5")
@Property(name = "inferplan.calibration.fit-deadline", value = "1ms")
class CalibrationLimitsHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    Problem refused(String query, byte[] body, HttpStatus status) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .exchange(HttpRequest.POST("/api/v1/calibration/profiles?name=l-" + UUID.randomUUID().toString()
                        .substring(0, 6) + query, body).contentType("application/json").header("Authorization", Samples.TOKEN)));
        assertEquals(status, e.getStatus());
        return e.getResponse().getBody(Problem.class).orElseThrow();
    }

    @Test
    void aFileOverTheByteLimitIs413NamingTheLimitAndItsSetting() {
        Problem p = refused("&format=guidellm&accelerator=h100-sxm&acceleratorCount=1&weightFormat=bf16&framework=vllm",
                Samples.read("guidellm-benchmarks.json"), HttpStatus.REQUEST_ENTITY_TOO_LARGE);
        assertTrue(p.detail().contains("4096-byte limit") && p.detail().contains("inferplan.calibration.max-body-bytes"),
                p.detail());
        assertEquals("body", p.errors().get(0).field());
    }

    @Test
    void aFileGivingMoreRowsThanTheLimitIs413NamingIt() {
        Problem p = refused("&format=vllm-bench-serve&accelerator=b200&acceleratorCount=1&weightFormat=bf16",
                Samples.read("vllm-bench-serve.json"), HttpStatus.REQUEST_ENTITY_TOO_LARGE);
        assertTrue(p.detail().contains("8 measurement rows, over the limit of 5")
                && p.detail().contains("inferplan.calibration.max-rows"), p.detail());
    }

    @Test
    void aFitPastItsDeadlineStopsWithItsBestPointAndSaysSo() {
        CalibrationReport r = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/calibration/profiles?name=d-"
                        + UUID.randomUUID().toString().substring(0, 6) + "&format=llama-bench-csv&accelerator=rtx-4080",
                Samples.read("llama-bench.csv")).contentType("text/csv").header("Authorization", Samples.TOKEN),
                CalibrationReport.class);
        assertTrue(r.fit().stoppedAtDeadline(), r.fit().toString());
        assertEquals(2, r.fit().iterations(), "the first round (2 iterations) always completes");
        assertEquals(1, r.fit().deadlineMs());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("deadline")), r.notes().toString());
        assertTrue(r.medianAbsErrorAfterPercent() <= r.medianAbsErrorBeforePercent());
    }
}
