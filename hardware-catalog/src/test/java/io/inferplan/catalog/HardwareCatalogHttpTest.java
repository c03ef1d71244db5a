package io.inferplan.catalog;

import io.inferplan.catalog.accelerator.AcceleratorCatalog;
import io.inferplan.catalog.accelerator.AcceleratorEntry;
import io.inferplan.catalog.support.FormatSupportEntry;
import io.inferplan.catalog.framework.FrameworkEntry;
import io.inferplan.catalog.price.PriceEntries.ApiPriceEntry;
import io.inferplan.catalog.price.PriceEntries.GpuPriceEntry;
import io.inferplan.common.problem.Problem;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class HardwareCatalogHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    private List<AcceleratorEntry> accelerators(String query) {
        return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/accelerators" + query), Argument.listOf(AcceleratorEntry.class));
    }

    @Nested
    class Accelerators {
        @Test
        void everyReferenceRowIsServedWithItsSource() {
            List<AcceleratorEntry> all = accelerators("");
            assertEquals(AcceleratorCatalog.seedRows().size(), all.stream().filter(a -> !a.custom()).count());
            assertTrue(all.size() >= 74, "the shipped catalog has at least 74 accelerators");
            assertTrue(all.stream().allMatch(a -> a.sourceUrl().startsWith("http") && a.asOf() != null));
        }

        @Test
        void h100SxmCarriesItsDatasheetFigures() {
            AcceleratorEntry h100 = client.toBlocking().retrieve("/api/v1/accelerators/h100-sxm", AcceleratorEntry.class);
            assertEquals(80.0, h100.memoryGB());
            assertEquals(3350.0, h100.memoryBandwidthGBps());
            assertEquals(989.0, h100.fp16Tflops());
            assertEquals(1979.0, h100.fp8Tflops());
            assertEquals(700.0, h100.tdpWatts());
            assertEquals("nvidia_hopper", h100.architecture());
            assertEquals("nvlink", h100.interconnectKind());
        }

        @Test
        void filtersByVendorAndMinimumMemory() {
            List<AcceleratorEntry> amdBig = accelerators("?vendor=amd&minMemoryGB=190");
            assertEquals(List.of("mi300x", "mi325x", "mi350x", "mi355x"), amdBig.stream().map(AcceleratorEntry::id).toList());
        }

        @Test
        void unknownIdNamesTheNearestValidIds() {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().retrieve("/api/v1/accelerators/h100-sxn"));
            assertEquals(HttpStatus.NOT_FOUND, e.getStatus());
            Problem p = e.getResponse().getBody(Problem.class).orElseThrow();
            assertTrue(p.detail().contains("h100-sxm"), p.detail());
        }

        @Test
        void negativeBandwidthIsRefusedNamingTheField() {
            Map<String, Object> body = Map.of("id", "my-gpu", "vendor", "NVIDIA", "name", "Mine", "memoryGB", 80,
                    "memoryBandwidthGBps", -1, "architecture", "nvidia_hopper", "sourceUrl", "https://example.com/spec");
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                    .exchange(HttpRequest.POST("/api/v1/accelerators", body).bearerAuth("test-admin-token")));
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
            Problem p = e.getResponse().getBody(Problem.class).orElseThrow();
            assertEquals("memoryBandwidthGBps", p.errors().get(0).field());
            HttpClientResponseException missing = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().retrieve("/api/v1/accelerators/my-gpu"));
            assertEquals(HttpStatus.NOT_FOUND, missing.getStatus());
        }

        @Test
        void writesNeedTheAdminToken() {
            Map<String, Object> body = Map.of("id", "tokenless", "vendor", "NVIDIA", "name", "X", "memoryGB", 80,
                    "memoryBandwidthGBps", 1000, "architecture", "nvidia_hopper", "sourceUrl", "https://example.com/spec");
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().exchange(HttpRequest.POST("/api/v1/accelerators", body)));
            assertEquals(HttpStatus.UNAUTHORIZED, e.getStatus());
            HttpClientResponseException wrong = assertThrows(HttpClientResponseException.class,
                    () -> client.toBlocking().exchange(HttpRequest.POST("/api/v1/accelerators", body).bearerAuth("nope")));
            assertEquals(HttpStatus.FORBIDDEN, wrong.getStatus());
        }
    }

    @Nested
    class Frameworks {
        @Test
        void theNineEnginesAndTwoServingLayersAreListed() {
            List<FrameworkEntry> all = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/frameworks"),
                    Argument.listOf(FrameworkEntry.class));
            assertEquals(9, all.stream().filter(f -> f.kind().equals("engine")).count());
            FrameworkEntry tgi = all.stream().filter(f -> f.id().equals("tgi")).findFirst().orElseThrow();
            assertTrue(tgi.status().startsWith("maintenance mode"));
            FrameworkEntry sglang = all.stream().filter(f -> f.id().equals("sglang")).findFirst().orElseThrow();
            assertEquals("radix_tree", sglang.prefixCacheKind());
        }

        @Test
        void onlyTheFrameworksRunningOnAppleAreListedForApple() {
            List<FrameworkEntry> apple = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/frameworks?hardware=apple"),
                    Argument.listOf(FrameworkEntry.class));
            assertEquals(List.of("llama.cpp", "mlc-llm", "ollama"), apple.stream().map(FrameworkEntry::id).toList());
        }
    }

    @Nested
    class SupportTable {
        private List<FormatSupportEntry> cells(String query) {
            return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/format-support" + query),
                    Argument.listOf(FormatSupportEntry.class));
        }

        @Test
        void everyCellHasAStatusASourceAndADate() {
            List<FormatSupportEntry> all = cells("");
            assertTrue(all.size() >= 300, "cells: " + all.size());
            assertTrue(all.stream().allMatch(c -> List.of("supported", "weight_only", "unsupported").contains(c.status())
                    && c.sourceUrl().startsWith("https://") && c.asOf() != null));
            assertTrue(all.stream().filter(c -> c.status().equals("unsupported")).allMatch(c -> c.note() != null
                    && !c.note().isBlank()), "an unsupported cell says why");
        }

        @Test
        void vllmRunsFp8WeightOnlyOnAmpereAndMxfp4OnHopper() {
            FormatSupportEntry fp8 = client.toBlocking().retrieve("/api/v1/format-support/vllm.weight.fp8.nvidia_ampere",
                    FormatSupportEntry.class);
            assertEquals("weight_only", fp8.status());
            assertTrue(fp8.note().contains("Marlin"), fp8.note());
            List<FormatSupportEntry> mxfp4 = cells("?framework=vllm&format=mxfp4&hardware=nvidia_hopper");
            assertEquals(1, mxfp4.size());
            assertEquals("supported", mxfp4.get(0).status());
        }

        @Test
        void anUnknownFormatKindIsRefusedNamingTheParameter() {
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                    () -> cells("?formatKind=activation"));
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
            assertEquals("formatKind", e.getResponse().getBody(Problem.class).orElseThrow().errors().get(0).field());
        }
    }

    @Nested
    class Prices {
        @Test
        void apiPricesKeepTheirSnapshotDate() {
            ApiPriceEntry gpt4o = client.toBlocking().retrieve("/api/v1/api-prices/openai-gpt-4o", ApiPriceEntry.class);
            assertEquals(0, new BigDecimal("2.5").compareTo(gpt4o.usdPerMillionInputTokens()));
            assertEquals(0, new BigDecimal("10").compareTo(gpt4o.usdPerMillionOutputTokens()));
            assertEquals("2026-07-30", gpt4o.asOf().toString());
        }

        @Test
        void gpuPricesFilterByAccelerator() {
            List<GpuPriceEntry> h100 = client.toBlocking().retrieve(HttpRequest.GET("/api/v1/gpu-prices?accelerator=h100-sxm"),
                    Argument.listOf(GpuPriceEntry.class));
            assertFalse(h100.isEmpty());
            assertTrue(h100.stream().allMatch(p -> "h100-sxm".equals(p.accelerator())));
        }

        @Test
        void aGpuPriceForAnUnknownAcceleratorIsRefused() {
            Map<String, Object> body = Map.of("id", "my-price", "provider", "Me", "accelerator", "h100-sxn",
                    "usdPerGpuHour", 2.0, "pricingType", "on-demand", "sourceUrl", "https://example.com/p");
            HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> client.toBlocking()
                    .exchange(HttpRequest.POST("/api/v1/gpu-prices", body).bearerAuth("test-admin-token")));
            assertEquals(HttpStatus.BAD_REQUEST, e.getStatus());
            Problem p = e.getResponse().getBody(Problem.class).orElseThrow();
            assertEquals("accelerator", p.errors().get(0).field());
            assertTrue(p.errors().get(0).message().contains("h100-sxm"));
        }
    }
}
