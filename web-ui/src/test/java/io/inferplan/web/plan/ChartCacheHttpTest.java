package io.inferplan.web.plan;

import io.inferplan.web.Fixtures;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.inferplan.web.Fixtures.DEFAULT_QUERY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The result page's charts carry their content hash as ETag, answer 304 to it, and are redrawn when the catalog changes. */
@MicronautTest
class ChartCacheHttpTest {

    private static final String TOKEN = "test-admin-token";

    @Inject
    @Client("/")
    HttpClient client;

    private HttpResponse<byte[]> chart(String uri, String ifNoneMatch) {
        HttpRequest<?> r = HttpRequest.GET(uri);
        if (ifNoneMatch != null) {
            r = HttpRequest.GET(uri).header("If-None-Match", ifNoneMatch);
        }
        return client.toBlocking().exchange(r, byte[].class);
    }

    @Test
    void aChartAskedAgainWithItsETagIsNotSentAgain() {
        for (String file : new String[]{"memory.svg", "concurrency.svg", "latency-vs-rate.png"}) {
            String uri = "/plan/chart/" + file + "?" + DEFAULT_QUERY;
            HttpResponse<byte[]> first = chart(uri, null);
            String etag = first.header("ETag");
            assertNotNull(etag, file);
            assertTrue(etag.matches("\"[0-9a-f]{32}\""), etag);
            assertEquals("no-cache", first.header("Cache-Control"));
            HttpResponse<byte[]> again = chart(uri, null);
            assertEquals(etag, again.header("ETag"), file);
            assertArrayEquals(first.body(), again.body(), file);

            HttpResponse<byte[]> revalidated = chart(uri, etag);
            assertEquals(HttpStatus.NOT_MODIFIED, revalidated.getStatus(), file);
            assertEquals(etag, revalidated.header("ETag"));
            assertEquals(HttpStatus.OK, chart(uri, "\"something-else\"").getStatus(), file);
        }
    }

    @Test
    void aPlanWithOtherInputsHasAnotherChart() {
        String a = chart("/plan/chart/memory.svg?" + DEFAULT_QUERY, null).header("ETag");
        String b = chart("/plan/chart/memory.svg?" + DEFAULT_QUERY.replace("acceleratorCount=1", "acceleratorCount=2"), null)
                .header("ETag");
        assertNotEquals(a, b);
    }

    @Test
    void aCatalogChangeRedrawsTheChart() {
        String id = "chart-gpu-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> gpu = Fixtures.customHopper(id);
        client.toBlocking().exchange(HttpRequest.POST("/api/v1/accelerators", gpu).bearerAuth(TOKEN));
        try {
            String uri = "/plan/chart/memory.svg?" + DEFAULT_QUERY.replace("accelerator=h100-sxm", "accelerator=" + id);
            assertNotEquals(uri, "/plan/chart/memory.svg?" + DEFAULT_QUERY);
            String before = chart(uri, null).header("ETag");
            assertEquals(HttpStatus.NOT_MODIFIED, chart(uri, before).getStatus());

            gpu.put("memoryGB", 96.0);
            client.toBlocking().exchange(HttpRequest.PUT("/api/v1/accelerators/" + id, gpu).bearerAuth(TOKEN));

            HttpResponse<byte[]> after = chart(uri, before);
            assertEquals(HttpStatus.OK, after.getStatus(), "the 96 GB accelerator's memory chart is another chart");
            assertNotEquals(before, after.header("ETag"));
        } finally {
            client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/accelerators/" + id).bearerAuth(TOKEN));
        }
    }
}
