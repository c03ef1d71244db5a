package io.inferplan.plan.technique;

import io.inferplan.common.problem.Problem;
import io.inferplan.plan.capacity.DisaggregatedFleet;
import io.inferplan.plan.capacity.FleetService;
import io.inferplan.plan.capacity.OptimizerService;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fleet sizer's and the optimizer's disaggregated configurations through the real HTTP server. */
@MicronautTest(environments = "test")
class DisaggregatedCapacityHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    static Map<String, Object> fleet(String framework, boolean disaggregation) {
        return Map.of("model", "llama-3.1-8b", "weightFormat", "bf16", "accelerator", "h100-sxm", "framework", framework,
                "traffic", Map.of("requestsPerSecond", 8.0, "inputTokens", 2048, "outputTokens", 256),
                "slo", Map.of("ttftP95Ms", 1000.0, "tpotMs", 40.0), "disaggregation", disaggregation);
    }

    /**
     * Pools for 8 req/s: x = ceil(8 ÷ the prefill instance's SLO rate), y likewise for decode; the goodput per
     * accelerator is min(x × prefill rate, y × decode rate) ÷ accelerators, compared with the colocated fleet's.
     */
    @Test
    void theFleetSizesPrefillAndDecodePoolsAndComparesThemWithColocatedReplicas() throws java.io.IOException {
        FleetService.FleetResponse r = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/fleet",
                fleet("vllm", true)), FleetService.FleetResponse.class);
        DisaggregatedFleet d = r.disaggregation();
        assertEquals((int) Math.ceil(8 / d.prefillRequestsPerSecondPerInstance() - 1e-9), d.prefillInstances());
        assertEquals((int) Math.ceil(8 / d.decodeRequestsPerSecondPerInstance() - 1e-9), d.decodeInstances());
        assertEquals(d.prefillInstances() + "P" + d.decodeInstances() + "D", d.ratio());
        int gpus = d.prefillInstances() * d.prefillAcceleratorsPerInstance()
                + d.decodeInstances() * d.decodeAcceleratorsPerInstance();
        assertEquals(gpus, d.acceleratorCount());
        double goodput = Math.min(d.prefillInstances() * d.prefillRequestsPerSecondPerInstance(),
                d.decodeInstances() * d.decodeRequestsPerSecondPerInstance()) / gpus;
        assertEquals(goodput, d.goodputRequestsPerSecondPerAccelerator(), 1e-12);
        assertEquals(r.replicas() * r.acceleratorsPerReplica(), d.colocatedAcceleratorCount());
        assertEquals(r.requestsPerSecondPerReplicaAtSlo() / r.acceleratorsPerReplica(),
                d.colocatedGoodputRequestsPerSecondPerAccelerator(), 1e-12);
        assertEquals(5, d.poolSizesByTraffic().size());
        assertEquals(r.replicas(), d.poolSizesByTraffic().get(2).colocatedReplicas());

        String csv = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/fleet.csv", fleet("vllm", true)));
        List<org.apache.commons.csv.CSVRecord> rows = org.apache.commons.csv.CSVParser.parse(csv,
                org.apache.commons.csv.CSVFormat.RFC4180).getRecords();
        List<String> header = rows.get(0).toList();
        assertTrue(header.contains("disaggregation.goodputRatio"), header.toString());
        assertEquals(d.ratio(), rows.get(1).get(header.indexOf("disaggregation.ratio")));
    }

    @Test
    void aFrameworkWithoutDisaggregationIsRefusedNamingTheField() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .retrieve(HttpRequest.POST("/api/v1/plans/fleet", Map.of("model", "llama-3.1-8b", "weightFormat",
                        "gguf-q4_k_m", "accelerator", "rtx-4090", "framework", "llama.cpp", "traffic",
                        Map.of("requestsPerSecond", 0.5, "inputTokens", 512, "outputTokens", 128), "slo",
                        Map.of("ttftP95Ms", 5000.0, "tpotMs", 200.0), "disaggregation", true)),
                        FleetService.FleetResponse.class));
        assertEquals(HttpStatus.UNPROCESSABLE_ENTITY, e.getStatus());
        Problem p = e.getResponse().getBody(Problem.class).orElseThrow();
        assertEquals("disaggregation", p.errors().get(0).field());
    }

    @Test
    void aKvLinkWithoutDisaggregationIs400() {
        Map<String, Object> body = new java.util.HashMap<>(fleet("vllm", false));
        body.put("kvLink", "roce-400");
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                .retrieve(HttpRequest.POST("/api/v1/plans/fleet", body), FleetService.FleetResponse.class));
        assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
        assertEquals("kvLink", e.getResponse().getBody(Problem.class).orElseThrow().errors().get(0).field());
    }

    @Test
    void theOptimizerRanksDisaggregatedTwinsWhenAsked() {
        OptimizerService.OptimizeResponse r = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/optimize",
                Map.of("model", "llama-3.1-8b", "accelerators", List.of("h100-sxm"), "frameworks", List.of("vllm"),
                        "workload", Map.of("mode", "fixed-concurrency", "inputTokens", 2048, "outputTokens", 256,
                                "concurrency", 32), "slo", Map.of("ttftP95Ms", 20000.0, "tpotMs", 200.0),
                        "disaggregation", true, "limit", 50)), OptimizerService.OptimizeResponse.class);
        List<OptimizerService.Candidate> twins = r.ranked().stream().filter(c -> c.disaggregation() != null).toList();
        assertTrue(!twins.isEmpty(), "no disaggregated configuration among " + r.ranked().size());
        OptimizerService.Candidate t = twins.get(0);
        assertTrue(t.disaggregation().matches("\\dP\\dD: .*"), t.disaggregation());
        assertEquals("simulation (disaggregated)", t.method());
    }
}
