package io.inferplan.plan.capacity;

import io.inferplan.common.problem.Problem;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CSV forms of fleet, optimize and mix through the real server, read back with commons-csv. */
@MicronautTest
class CapacityCsvHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    record Table(List<String> header, List<CSVRecord> rows) {
    }

    static Table parse(String csv) throws IOException {
        try (CSVParser p = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(new StringReader(csv))) {
            return new Table(p.getHeaderNames(), p.getRecords());
        }
    }

    private Table csv(MutableHttpRequest<?> request) throws IOException {
        HttpResponse<String> r = client.toBlocking().exchange(request, String.class);
        assertEquals(200, r.getStatus().getCode());
        assertTrue(r.getContentType().orElseThrow().toString().startsWith("text/csv"), r.getContentType().toString());
        assertTrue(r.body().contains("\r\n"), "RFC 4180 line ends");
        return parse(r.body());
    }

    private Problem refused(MutableHttpRequest<?> request, HttpStatus status) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(request, String.class));
        assertEquals(status, e.getStatus());
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        return e.getResponse().getBody(Problem.class).orElseThrow();
    }

    private static double number(CSVRecord row, String column) {
        return Double.parseDouble(row.get(column));
    }

    static final Map<String, Object> OPTIMIZE = Map.of("model", "llama-3.1-8b",
            "workload", Map.of("mode", "fixed-concurrency", "inputTokens", 1000, "outputTokens", 250, "concurrency", 16),
            "slo", Map.of("ttftP95Ms", 3000, "tpotMs", 80), "accelerators", List.of("h100-sxm"), "frameworks", List.of("vllm"));
    static final String OPTIMIZE_QUERY = "model=llama-3.1-8b&mode=fixed-concurrency&inputTokens=1000&outputTokens=250"
            + "&concurrency=16&ttftP95Ms=3000&slo.tpotMs=80&accelerators=h100-sxm&frameworks=vllm";

    @Nested
    class Optimize {
        @Test
        void oneRowPerRankedConfigurationWithTheCostWorkedFromItsOwnColumns() throws IOException {
            Table t = csv(HttpRequest.POST("/api/v1/plans/optimize.csv", OPTIMIZE));
            OptimizerService.OptimizeResponse json = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/optimize", OPTIMIZE),
                    OptimizerService.OptimizeResponse.class);
            assertFalse(json.ranked().isEmpty());
            assertEquals(json.ranked().size(), t.rows().size());
            assertEquals(List.of("rank", "onParetoFront", "accelerator"), t.header().subList(0, 3));
            assertTrue(t.header().containsAll(List.of("usdPerMillionOutputTokens", "usdPerHour", "model", "reason", "catalogVersion")));
            for (int i = 0; i < t.rows().size(); i++) {
                CSVRecord row = t.rows().get(i);
                assertEquals(String.valueOf(i + 1), row.get("rank"));
                assertEquals("true", row.get("meetsSlo"));
                assertEquals("llama-3.1-8b", row.get("model"));
                // cheapest on-demand H100 SXM in gpu-prices.csv: Hyperbolic 1.29 $/GPU-hour × accelerators
                assertEquals(1.29 * Integer.parseInt(row.get("acceleratorCount")), number(row, "usdPerHour"), 1e-9);
                // USD per million output tokens = usdPerHour ÷ (output tokens/s × 3600) × 1e6
                assertEquals(number(row, "usdPerHour") / (number(row, "outputTokensPerSecond") * 3600) * 1e6,
                        number(row, "usdPerMillionOutputTokens"), 1e-9);
                assertEquals(json.ranked().get(i).usdPerMillionOutputTokens(), number(row, "usdPerMillionOutputTokens"));
            }
            // the front is cost × TPOT × quality: the cheapest with a published quality figure is always on it (of
            // rows tied with it on cost and TPOT — AWQ and GPTQ INT4 run alike — the one losing least quality), and a
            // configuration without one never is
            List<CSVRecord> known = t.rows().stream().filter(r -> !r.get("qualityPercentBelowSixteenBit").isEmpty()).toList();
            CSVRecord first = known.get(0);
            CSVRecord cheapestKnown = known.stream()
                    .filter(r -> r.get("usdPerMillionOutputTokens").equals(first.get("usdPerMillionOutputTokens"))
                            && r.get("tpotMs").equals(first.get("tpotMs")))
                    .min(java.util.Comparator.comparingDouble(r -> number(r, "qualityPercentBelowSixteenBit")))
                    .orElseThrow();
            assertEquals("true", cheapestKnown.get("onParetoFront"), cheapestKnown.toString());
            assertTrue(t.rows().stream().filter(r -> r.get("qualityPercentBelowSixteenBit").isEmpty())
                    .allMatch(r -> r.get("onParetoFront").equals("false")));
        }

        @Test
        void getWithQueryParametersAndAcceptTextCsvGiveTheSameRows() throws IOException {
            Table post = csv(HttpRequest.POST("/api/v1/plans/optimize.csv", OPTIMIZE));
            Table get = csv(HttpRequest.GET("/api/v1/plans/optimize.csv?" + OPTIMIZE_QUERY));
            Table accept = csv(HttpRequest.POST("/api/v1/plans/optimize", OPTIMIZE).accept("text/csv"));
            assertEquals(post.header(), get.header());
            assertEquals(post.header(), accept.header());
            assertEquals(withoutSearchTime(post), withoutSearchTime(get));
            assertEquals(withoutSearchTime(post), withoutSearchTime(accept));
        }

        private static List<List<String>> withoutSearchTime(Table t) {
            int skip = t.header().indexOf("searchMillis");
            List<List<String>> out = new ArrayList<>();
            for (CSVRecord r : t.rows()) {
                List<String> cells = new ArrayList<>(r.toList());
                cells.remove(skip);
                out.add(cells);
            }
            return out;
        }

        @Test
        void anSloNobodyMeetsGivesTheClosestMissesWithTheReasonNotAnEmptyTable() throws IOException {
            Table t = csv(HttpRequest.GET("/api/v1/plans/optimize.csv?" + OPTIMIZE_QUERY.replace("slo.tpotMs=80", "tpotMs=0.2")));
            assertFalse(t.rows().isEmpty());
            for (CSVRecord row : t.rows()) {
                assertEquals("", row.get("rank"));
                assertEquals("false", row.get("meetsSlo"));
                assertTrue(row.get("missedBecause").contains("TPOT"), row.get("missedBecause"));
                assertTrue(row.get("reason").startsWith("none of the"), row.get("reason"));
            }
        }

        @Test
        void nothingThatCanRunIsOneRowSayingWhy() throws IOException {
            // TensorRT-LLM does not run on Apple silicon: every configuration is refused
            Table t = csv(HttpRequest.GET("/api/v1/plans/optimize.csv?model=llama-3.1-8b&mode=single-stream&inputTokens=100"
                    + "&outputTokens=100&accelerators=apple-m2-ultra&frameworks=tensorrt-llm"));
            assertEquals(1, t.rows().size());
            assertEquals("", t.rows().get(0).get("accelerator"));
            assertTrue(t.rows().get(0).get("reason").contains("can run"), t.rows().get(0).get("reason"));
            assertEquals("0", t.rows().get(0).get("meetingSlo"));
        }

        @Test
        void badParametersAreProblemsNamingThem() {
            Problem misspelt = refused(HttpRequest.GET("/api/v1/plans/optimize.csv?" + OPTIMIZE_QUERY + "&tpotMS=5"),
                    HttpStatus.BAD_REQUEST);
            assertEquals("tpotMS", misspelt.errors().get(0).field());
            assertTrue(misspelt.errors().get(0).message().contains("tpotMs"), misspelt.errors().get(0).message());
            Problem unknown = refused(HttpRequest.GET("/api/v1/plans/optimize.csv?" + OPTIMIZE_QUERY.replace("h100-sxm", "h100-sxn")),
                    HttpStatus.BAD_REQUEST);
            assertEquals("accelerators[0]", unknown.errors().get(0).field());
            Problem zero = refused(HttpRequest.GET("/api/v1/plans/optimize.csv?model=llama-3.1-8b&mode=arrival-rate"
                    + "&inputTokens=100&outputTokens=100&requestsPerSecond=0&accelerators=h100-sxm"), HttpStatus.BAD_REQUEST);
            assertEquals("workload.requestsPerSecond", zero.errors().get(0).field());
            Problem notNumber = refused(HttpRequest.GET("/api/v1/plans/optimize.csv?" + OPTIMIZE_QUERY + "&limit=ten"),
                    HttpStatus.BAD_REQUEST);
            assertEquals("limit", notNumber.errors().get(0).field());
        }
    }

    @Nested
    class Fleet {
        static final String QUERY = "model=llama-3.1-8b&weightFormat=bf16&accelerator=h100-sxm&framework=vllm"
                + "&requestsPerSecond=10&peakToAverage=2&inputTokens=1000&outputTokens=250&ttftP95Ms=1000&tpotMs=50";

        @Test
        void oneRowWithTheFleetsCostAtEachPricingType() throws IOException {
            Table t = csv(HttpRequest.GET("/api/v1/plans/fleet.csv?" + QUERY));
            assertEquals(1, t.rows().size());
            CSVRecord row = t.rows().get(0);
            FleetService.FleetResponse json = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/fleet",
                    CapacityHttpTest.fleet(10, 1000, 50)), FleetService.FleetResponse.class);
            assertEquals(String.valueOf(json.replicas()), row.get("replicas"));
            int accelerators = Integer.parseInt(row.get("acceleratorCount"));
            assertEquals(json.acceleratorCount(), accelerators);
            // peak = 10 requests/s × 2 = 20
            assertEquals(20.0, number(row, "peakRequestsPerSecond"), 1e-12);
            // gpu-prices.csv H100 SXM: on demand Hyperbolic 1.29, spot CoreWeave 2.46375 $/GPU-hour; × accelerators × 730 h
            assertEquals(1.29 * accelerators * 730, number(row, "usdPerMonth"), 1e-6);
            assertEquals(1.29 * accelerators * 730, number(row, "cheapestByPricingType.onDemand.usdPerMonth"), 1e-6);
            assertEquals(2.46375 * accelerators * 730, number(row, "cheapestByPricingType.spot.usdPerMonth"), 1e-6);
            assertEquals("", row.get("cheapestByPricingType.reserved.usdPerMonth"), "no reserved H100 SXM price");
            // blended at the average traffic: usdPerHour ÷ 3600 ÷ 10 requests/s ÷ 1250 tokens × 1e6
            assertEquals(2.46375 * accelerators / 3600 / 10 / 1250 * 1e6,
                    number(row, "cheapestByPricingType.spot.usdPerMillionBlendedTokens"), 1e-9);
            assertTrue(t.header().contains("atPeakPerReplica.performance.ttftP95Ms"));
            assertFalse(t.header().stream().anyMatch(h -> h.startsWith("replicaSizes") || h.startsWith("rentalOptions")),
                    "lists of objects stay in the JSON");
        }

        @Test
        void theJsonListsEveryReplicaSizeTriedAndEveryRentalPrice() {
            FleetService.FleetResponse f = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/plans/fleet?" + QUERY),
                    FleetService.FleetResponse.class);
            FleetService.ReplicaSize chosen = f.replicaSizes().stream().filter(FleetService.ReplicaSize::chosen).findFirst().orElseThrow();
            assertEquals(f.acceleratorsPerReplica(), chosen.acceleratorsPerReplica());
            assertEquals(f.replicas(), chosen.replicas());
            assertEquals(f.usdPerMonth(), chosen.usdPerMonth(), 1e-9);
            for (FleetService.ReplicaSize s : f.replicaSizes()) {
                if (s.replicas() != null) {
                    assertTrue(s.acceleratorCount() >= f.acceleratorCount(), "the chosen size needs the fewest accelerators");
                }
            }
            // Azure ND96isr H100 v5 12.29 $/GPU-hour × accelerators × 730 h
            assertEquals(12.29 * f.acceleratorCount() * 730, f.rentalOptions().stream()
                    .filter(o -> o.id().equals("azure-h100-sxm-standard_nd96isr_h100_v5-on-demand")).findFirst().orElseThrow()
                    .usdPerMonth(), 1e-6);
        }

        @Test
        void zeroTrafficAndAnImpossibleSloAreProblemsNotEmptyCsv() {
            Problem zero = refused(HttpRequest.GET("/api/v1/plans/fleet.csv?" + QUERY.replace("requestsPerSecond=10",
                    "requestsPerSecond=0")), HttpStatus.BAD_REQUEST);
            assertEquals("traffic.requestsPerSecond", zero.errors().get(0).field());
            Problem slo = refused(HttpRequest.POST("/api/v1/plans/fleet.csv", CapacityHttpTest.fleet(10, 1000, 0.5)),
                    HttpStatus.UNPROCESSABLE_ENTITY);
            assertEquals("slo", slo.errors().get(0).field());
            Problem unknown = refused(HttpRequest.GET("/api/v1/plans/fleet.csv?" + QUERY.replace("llama-3.1-8b", "llama-3.1-8c")),
                    HttpStatus.BAD_REQUEST);
            assertEquals("model", unknown.errors().get(0).field());
        }
    }

    @Nested
    class Mix {
        static final Map<String, Object> SMALL = Map.of("model", "llama-3.1-8b", "weightFormat", "bf16", "accelerator", "l40s",
                "acceleratorCount", 1, "framework", "vllm",
                "workload", Map.of("mode", "fixed-concurrency", "inputTokens", 500, "outputTokens", 100, "concurrency", 16));
        static final Map<String, Object> LARGE = Map.of("model", "llama-3.1-70b", "weightFormat", "fp8", "accelerator", "h100-sxm",
                "acceleratorCount", 2, "framework", "vllm",
                "workload", Map.of("mode", "fixed-concurrency", "inputTokens", 1500, "outputTokens", 300, "concurrency", 16));

        @Test
        void oneRowPerRouteAndTheBlendWorkedFromTheRows() throws IOException {
            Table t = csv(HttpRequest.POST("/api/v1/plans/mix.csv", Map.of("routes", List.of(
                    Map.of("name", "easy, short", "requestShare", 0.7, "plan", SMALL),
                    Map.of("name", "hard", "requestShare", 0.3, "plan", LARGE)))));
            assertEquals(2, t.rows().size());
            CSVRecord easy = t.rows().get(0);
            CSVRecord hard = t.rows().get(1);
            assertEquals("easy, short", easy.get("name"));
            assertEquals("llama-3.1-70b", hard.get("plan.plan.model"));
            // token shares: 0.7 × 600 = 420 and 0.3 × 1800 = 540 of 960 tokens per average request
            assertEquals(420.0 / 960, number(easy, "tokenShare"), 1e-12);
            double blend = 420.0 / 960 * number(easy, "plan.cost.usdPerMillionBlendedTokens")
                    + 540.0 / 960 * number(hard, "plan.cost.usdPerMillionBlendedTokens");
            assertEquals(blend, number(easy, "usdPerMillionBlendedTokens"), 1e-12);
            assertEquals(easy.get("usdPerMillionBlendedTokens"), hard.get("usdPerMillionBlendedTokens"));
            // the route's rented lens at the reserved price: AWS L40S reserved 1.17243 $/GPU-hour × 730 h
            assertEquals(1.17243 * 730, number(easy, "plan.cost.cheapestByPricingType.reserved.usdPerMonth"), 1e-6);
        }

        @Test
        void sharesThatDoNotAddUpAreAProblem() {
            Problem p = refused(HttpRequest.POST("/api/v1/plans/mix.csv", Map.of("routes", List.of(
                    Map.of("requestShare", 0.5, "plan", SMALL)))), HttpStatus.BAD_REQUEST);
            assertEquals("routes", p.errors().get(0).field());
        }
    }
}
