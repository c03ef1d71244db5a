package io.inferplan.plan.capacity;

import io.inferplan.plan.evaluate.PlanResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Energy and carbon in fleet sizing and the optimizer (column, objective, CSV). */
@MicronautTest
class CapacityEnergyHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    private <T> T post(String path, Object body, Class<T> type) {
        return client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/" + path, body), type);
    }

    @Test
    void theFleetsEnergyIsAtItsAverageBusyShare() {
        Map<String, Object> body = new HashMap<>(CapacityHttpTest.fleet(10, 1000, 50));
        body.put("pricing", Map.of("gridRegion", "gcp-europe-west4"));
        FleetService.FleetResponse f = post("fleet", body, FleetService.FleetResponse.class);
        PlanResponse.EnergyBlock e = f.energy();
        // busy share = 10 req/s ÷ (replicas × saturated rate per replica)
        double share = 10 / (f.replicas() * f.saturatedRequestsPerSecondPerReplica());
        assertEquals(share, e.busyShareFraction(), 1e-12);
        // H100 SXM: no published idle draw → idle = busy 700 W; DGX H100 host 4,600 W per 8; PUE 1.58
        int nodes = (f.acceleratorCount() + 7) / 8;
        double watts = (700.0 * f.acceleratorCount() + 4_600.0 * nodes) * 1.58;
        assertEquals(watts, e.facilityWatts(), 1e-6);
        // delivered 10 req/s × 250 output tokens = 2,500 tokens/s
        assertEquals(watts / 2_500, e.joulesPerOutputToken(), 1e-9);
        assertEquals(watts / 2_500 / 3.6 * 208.81, f.carbon().gCo2ePerMillionOutputTokens(), 1e-6);
    }

    @Test
    void theFleetCsvHasTheEnergyColumns() throws IOException {
        String q = "/api/v1/plans/fleet.csv?model=llama-3.1-8b&weightFormat=bf16&accelerator=h100-sxm&framework=vllm"
                + "&requestsPerSecond=10&peakToAverage=2&inputTokens=1000&outputTokens=250&ttftP95Ms=1000&tpotMs=50&gridRegion=fra";
        List<CSVRecord> rows = parse(client.toBlocking().retrieve(q));
        List<String> header = rows.get(0).toList();
        assertTrue(header.contains("energy.kWhPerMillionOutputTokens"), header.toString());
        assertEquals("fra", rows.get(1).get(header.indexOf("carbon.gridRegion")));
        assertTrue(Double.parseDouble(rows.get(1).get(header.indexOf("carbon.gCo2ePerMillionOutputTokens"))) > 0);
    }

    static Map<String, Object> optimize(String objective) {
        Map<String, Object> body = new HashMap<>(Map.of("model", "llama-3.1-8b",
                "workload", Map.of("mode", "fixed-concurrency", "inputTokens", 1000, "outputTokens", 250, "concurrency", 16),
                "accelerators", List.of("h100-sxm", "a100-80gb-sxm", "l40s"), "frameworks", List.of("vllm"), "limit", 50));
        if (objective != null) {
            body.put("objective", objective);
        }
        return body;
    }

    @Test
    void theCarbonObjectiveRanksByGramsPerMillionTokens() {
        OptimizerService.OptimizeResponse r = post("optimize", optimize("carbon"), OptimizerService.OptimizeResponse.class);
        assertEquals("carbon", r.objective());
        assertTrue(r.ranked().size() > 1);
        for (int i = 1; i < r.ranked().size(); i++) {
            assertTrue(r.ranked().get(i - 1).gCo2ePerMillionOutputTokens() <= r.ranked().get(i).gCo2ePerMillionOutputTokens());
        }
        // each candidate's carbon is its energy on the world-average grid (472.94 gCO2e/kWh)
        OptimizerService.Candidate first = r.ranked().get(0);
        assertEquals(first.kWhPerMillionOutputTokens() * 472.94, first.gCo2ePerMillionOutputTokens(), 1e-6);
        OptimizerService.OptimizeResponse byCost = post("optimize", optimize(null), OptimizerService.OptimizeResponse.class);
        assertEquals("cost", byCost.objective());
        for (int i = 1; i < byCost.ranked().size(); i++) {
            assertTrue(byCost.ranked().get(i - 1).usdPerMillionOutputTokens() <= byCost.ranked().get(i).usdPerMillionOutputTokens());
        }
    }

    @Test
    void theOptimizerCsvHasTheEnergyColumnsAndAnUnknownObjectiveIsRefused() throws IOException {
        String csv = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/optimize.csv", optimize("energy")), String.class);
        List<String> header = parse(csv).get(0).toList();
        assertTrue(header.contains("kWhPerMillionOutputTokens") && header.contains("gCo2ePerMillionOutputTokens"), header.toString());
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> post("optimize", optimize("speed"), String.class));
        assertEquals(400, e.getStatus().getCode());
        assertTrue(e.getResponse().getBody(String.class).orElse("").contains("objective"));
    }

    static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser p = CSVParser.builder().setReader(new StringReader(csv)).setFormat(CSVFormat.RFC4180).get()) {
            return p.getRecords();
        }
    }
}
