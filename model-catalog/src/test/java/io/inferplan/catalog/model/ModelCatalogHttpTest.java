package io.inferplan.catalog.model;

import io.inferplan.common.catalog.CatalogController.CatalogSummary;
import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.Problem;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class ModelCatalogHttpTest {

    private static final String TOKEN = "test-admin-token";

    @Inject
    @Client("/")
    HttpClient client;

    private List<ModelEntry> models(String query) {
        return client.toBlocking().retrieve(HttpRequest.GET("/api/v1/models" + query), Argument.listOf(ModelEntry.class));
    }

    private Problem problemOf(Runnable call, HttpStatus expected) {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, call::run);
        assertEquals(expected, e.getStatus());
        assertEquals("application/problem+json", e.getResponse().getContentType().orElseThrow().toString());
        return e.getResponse().getBody(Problem.class).orElseThrow();
    }

    static Map<String, Object> validModel(String id) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", id);
        m.put("family", "Test");
        m.put("totalParametersBillions", 8.0);
        m.put("layers", 32);
        m.put("hiddenSize", 4096);
        m.put("intermediateSize", 14336);
        m.put("attentionHeads", 32);
        m.put("kvHeads", 8);
        m.put("headDim", 128);
        m.put("vocabSize", 128256);
        m.put("maxContextTokens", 131072);
        m.put("attention", "gqa");
        m.put("sourceUrl", "https://example.com/config.json");
        return m;
    }

    @Nested
    class Reading {
        @Test
        void everyReferenceModelIsServedWithItsSourceAndDate() {
            List<ModelEntry> all = models("");
            assertEquals(ModelCatalog.seedRows().size(), all.stream().filter(m -> !m.custom()).count());
            assertTrue(all.size() >= 68, "the shipped catalog has at least 68 models");
            assertTrue(all.stream().allMatch(m -> m.sourceUrl().startsWith("https://") && m.asOf() != null));
        }

        @Test
        void llama31_70bHasItsConfigValues() {
            ModelEntry m = client.toBlocking().retrieve("/api/v1/models/llama-3.1-70b", ModelEntry.class);
            assertEquals(80, m.layers());
            assertEquals(64, m.attentionHeads());
            assertEquals(8, m.kvHeads());
            assertEquals(128, m.headDim());
            assertEquals(70.6, m.totalParametersBillions());
            assertEquals("gqa", m.attention());
        }

        @Test
        void filtersByAttentionKindAndFamily() {
            assertEquals(List.of("deepseek-r1", "deepseek-r1-0528", "deepseek-v3", "deepseek-v3.1", "kimi-k2"),
                    models("?attention=mla").stream().map(ModelEntry::id).toList());
            assertTrue(models("?family=gemma").stream().allMatch(m -> m.family().toLowerCase().contains("gemma")));
            Problem p = problemOf(() -> models("?attention=flash"), HttpStatus.BAD_REQUEST);
            assertEquals("attention", p.errors().get(0).field());
        }

        @Test
        void qwen3DocumentsItsYarnExtensionWithASource() {
            ModelEntry m = client.toBlocking().retrieve("/api/v1/models/qwen3-8b", ModelEntry.class);
            assertEquals(40960, m.maxContextTokens());
            assertEquals("yarn", m.ropeScalingMethod());
            assertEquals(32768, m.ropeOriginalContextTokens());
            assertEquals(131072, m.ropeScaledMaxContextTokens());
            assertEquals("https://huggingface.co/Qwen/Qwen3-8B", m.ropeScalingSourceUrl());
        }

        @Test
        void hybridModelsCarryTheirRecurrentLayers() {
            ModelEntry m = client.toBlocking().retrieve("/api/v1/models/nemotron-h-56b", ModelEntry.class);
            assertEquals(118, m.layers());
            assertEquals(10, m.kvLayers());
            assertEquals(54, m.recurrentLayers());
            assertEquals(61_440L, m.recurrentConvStateElements());
            assertEquals(4_194_304L, m.recurrentSsmStateElements());
        }

        @Test
        void mixedSlidingWindowLayersAreCounted() {
            ModelEntry gemma = client.toBlocking().retrieve("/api/v1/models/gemma-2-9b", ModelEntry.class);
            assertEquals(4096, gemma.slidingWindowTokens());
            assertEquals(21, gemma.slidingWindowLayers());
        }
    }

    @Nested
    class Writing {
        @Test
        void impossibleValuesAreAllNamedAndNothingIsStored() {
            Map<String, Object> bad = validModel("bad-" + UUID.randomUUID().toString().substring(0, 8));
            bad.put("layers", 0);
            bad.put("kvHeads", 6);
            Problem p = problemOf(() -> client.toBlocking().exchange(HttpRequest.POST("/api/v1/models", bad).bearerAuth(TOKEN)),
                    HttpStatus.BAD_REQUEST);
            List<String> fields = p.errors().stream().map(FieldError::field).toList();
            assertTrue(fields.contains("layers"), fields.toString());
            assertTrue(fields.contains("kvHeads"), fields.toString());
            problemOf(() -> client.toBlocking().retrieve("/api/v1/models/" + bad.get("id")), HttpStatus.NOT_FOUND);
        }

        @Test
        void aCustomModelIsCreatedChangedAndDeletedAndTheCatalogVersionFollows() {
            String id = "custom-" + UUID.randomUUID().toString().substring(0, 8);
            String before = client.toBlocking().retrieve("/api/v1/catalog", CatalogSummary.class).version();
            HttpResponse<ModelEntry> created = client.toBlocking()
                    .exchange(HttpRequest.POST("/api/v1/models", validModel(id)).bearerAuth(TOKEN), ModelEntry.class);
            assertEquals(HttpStatus.CREATED, created.getStatus());
            assertEquals("/api/v1/models/" + id, created.header("Location"));
            String afterCreate = client.toBlocking().retrieve("/api/v1/catalog", CatalogSummary.class).version();
            assertNotEquals(before, afterCreate);

            Map<String, Object> changed = validModel(id);
            changed.put("maxContextTokens", 32768);
            ModelEntry updated = client.toBlocking().retrieve(HttpRequest.PUT("/api/v1/models/" + id, changed).bearerAuth(TOKEN),
                    ModelEntry.class);
            assertEquals(32768, updated.maxContextTokens());

            client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/models/" + id).bearerAuth(TOKEN));
            problemOf(() -> client.toBlocking().retrieve("/api/v1/models/" + id), HttpStatus.NOT_FOUND);
            assertNotEquals(afterCreate, client.toBlocking().retrieve("/api/v1/catalog", CatalogSummary.class).version());
        }

        @Test
        void seededEntriesCannotBeDeleted() {
            problemOf(() -> client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/models/llama-3.1-8b").bearerAuth(TOKEN)),
                    HttpStatus.CONFLICT);
        }

        @Test
        void readsAreOpenButWritesNeedTheToken() {
            problemOf(() -> client.toBlocking().exchange(HttpRequest.POST("/api/v1/models", validModel("no-token"))),
                    HttpStatus.UNAUTHORIZED);
        }

        @Test
        void mixtralIsDerivedFromItsHuggingFaceConfig() {
            // mistralai/Mixtral-8x7B-v0.1 config.json (abridged to the fields that matter).
            Map<String, Object> config = Map.ofEntries(Map.entry("architectures", List.of("MixtralForCausalLM")),
                    Map.entry("hidden_size", 4096), Map.entry("intermediate_size", 14336),
                    Map.entry("max_position_embeddings", 32768), Map.entry("num_attention_heads", 32),
                    Map.entry("num_hidden_layers", 32), Map.entry("num_key_value_heads", 8),
                    Map.entry("num_local_experts", 8), Map.entry("num_experts_per_tok", 2),
                    Map.entry("tie_word_embeddings", false), Map.entry("vocab_size", 32000));
            String id = "mixtral-import-" + UUID.randomUUID().toString().substring(0, 8);
            ModelEntry m = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/models/import/hf-config?id=" + id
                    + "&sourceUrl=https://huggingface.co/mistralai/Mixtral-8x7B-v0.1", config).bearerAuth(TOKEN), ModelEntry.class);
            assertEquals("gqa", m.attention());
            assertEquals(128, m.headDim());
            assertEquals(8, m.experts());
            // By hand: embeddings 2 x 32000 x 4096 = 0.262 B; per layer attention 4096x128x(32+2x8) + 32x128x4096
            // = 41.94 M, experts 8 x 3 x 4096 x 14336 = 1409.3 M, router 4096 x 8; x 32 layers -> 46.70 B total;
            // active = total - 32 x 6 x 176.16 M = 12.88 B (Mistral publishes 46.7 B and 12.9 B).
            assertEquals(46.70, m.totalParametersBillions(), 0.01);
            assertEquals(12.88, m.activeParametersBillions(), 0.01);
            client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/models/" + id).bearerAuth(TOKEN));
        }

        @Test
        void deepSeekV3IsImportedAsMla() {
            Map<String, Object> config = Map.ofEntries(Map.entry("hidden_size", 7168), Map.entry("intermediate_size", 18432),
                    Map.entry("moe_intermediate_size", 2048), Map.entry("max_position_embeddings", 163840),
                    Map.entry("num_attention_heads", 128), Map.entry("num_hidden_layers", 61),
                    Map.entry("num_key_value_heads", 128), Map.entry("n_routed_experts", 256), Map.entry("n_shared_experts", 1),
                    Map.entry("num_experts_per_tok", 8), Map.entry("first_k_dense_replace", 3), Map.entry("kv_lora_rank", 512),
                    Map.entry("q_lora_rank", 1536), Map.entry("qk_rope_head_dim", 64), Map.entry("qk_nope_head_dim", 128),
                    Map.entry("v_head_dim", 128), Map.entry("vocab_size", 129280), Map.entry("tie_word_embeddings", false));
            String id = "dsv3-import-" + UUID.randomUUID().toString().substring(0, 8);
            ModelEntry m = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/models/import/hf-config?id=" + id
                    + "&sourceUrl=https://huggingface.co/deepseek-ai/DeepSeek-V3", config).bearerAuth(TOKEN), ModelEntry.class);
            assertEquals("mla", m.attention());
            assertEquals(512, m.mlaKvLoraRank());
            assertEquals(64, m.mlaQkRopeHeadDim());
            assertEquals(192, m.headDim());
            // DeepSeek publishes 671 B total (without the 14 B MTP module) and 37 B activated.
            assertEquals(671, m.totalParametersBillions(), 671 * 0.01);
            assertEquals(37, m.activeParametersBillions(), 37 * 0.03);
            client.toBlocking().exchange(HttpRequest.DELETE("/api/v1/models/" + id).bearerAuth(TOKEN));
        }

        @Test
        void aConfigWithNoAttentionHeadsIsRefusedNamingTheKey() {
            Map<String, Object> config = Map.of("hidden_size", 4096, "num_hidden_layers", 32, "num_attention_heads", 0,
                    "num_key_value_heads", 8, "intermediate_size", 14336, "vocab_size", 128256, "max_position_embeddings", 8192);
            Problem p = problemOf(() -> client.toBlocking().exchange(HttpRequest.POST(
                    "/api/v1/models/import/hf-config?id=no-heads&sourceUrl=https://example.com/c", config).bearerAuth(TOKEN)),
                    HttpStatus.BAD_REQUEST);
            assertTrue(p.errors().stream().anyMatch(e -> e.field().equals("config.num_attention_heads")), p.toString());
        }

        @Test
        void aConfigWithoutLayersIsRefusedNamingTheKey() {
            Problem p = problemOf(() -> client.toBlocking().exchange(HttpRequest.POST(
                    "/api/v1/models/import/hf-config?id=broken&sourceUrl=https://example.com/c",
                    Map.of("hidden_size", 4096)).bearerAuth(TOKEN)), HttpStatus.BAD_REQUEST);
            assertTrue(p.errors().stream().anyMatch(e -> e.field().equals("config.num_hidden_layers")), p.toString());
        }
    }

    /** Server configuration on one database: an H2 file here, or the PostgreSQL the environment names. */
    private static Map<String, Object> onOneDatabase(Path h2File) {
        Map<String, Object> config = new HashMap<>();
        if (System.getenv("DATASOURCES_DEFAULT_URL") == null) {
            config.put("datasources.default.url", "jdbc:h2:file:" + h2File + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
        }
        config.put("inferplan.admin-token", TOKEN);
        return config;
    }

    /** A custom model written by one server process is read back by the next one on the same database. */
    @Test
    void aCustomModelSurvivesARestart(@TempDir Path dataDir) {
        Map<String, Object> config = onOneDatabase(dataDir.resolve("restart"));
        String id = "survivor-" + UUID.randomUUID().toString().substring(0, 8);
        try (EmbeddedServer first = ApplicationContext.run(EmbeddedServer.class, config, "test");
             HttpClient c = HttpClient.create(first.getURL())) {
            c.toBlocking().exchange(HttpRequest.POST("/api/v1/models", validModel(id)).bearerAuth(TOKEN));
        }
        try (EmbeddedServer second = ApplicationContext.run(EmbeddedServer.class, config, "test");
             HttpClient c = HttpClient.create(second.getURL())) {
            ModelEntry m = c.toBlocking().retrieve("/api/v1/models/" + id, ModelEntry.class);
            assertEquals(32, m.layers());
            assertTrue(m.custom());
            assertNull(m.slidingWindowTokens());
            c.toBlocking().exchange(HttpRequest.DELETE("/api/v1/models/" + id).bearerAuth(TOKEN));
        }
    }
    /**
     * Two servers on one database, as two replicas: the catalog endpoint answers from memory, revalidates with
     * its ETag, and still shows a change made through the other server on its very next answer.
     */
    @Test
    void theCatalogSummaryRevalidatesAndSeesAnotherReplicasChangeAtOnce(@TempDir Path dataDir) {
        Map<String, Object> config = onOneDatabase(dataDir.resolve("replicas"));
        String id = "replica-" + UUID.randomUUID().toString().substring(0, 8);
        try (EmbeddedServer a = ApplicationContext.run(EmbeddedServer.class, config, "test");
             EmbeddedServer b = ApplicationContext.run(EmbeddedServer.class, config, "test");
             HttpClient ca = HttpClient.create(a.getURL());
             HttpClient cb = HttpClient.create(b.getURL())) {
            HttpResponse<CatalogSummary> first = ca.toBlocking().exchange("/api/v1/catalog", CatalogSummary.class);
            String etag = first.header("ETag");
            assertEquals("\"" + first.body().version() + "\"", etag);
            assertEquals(HttpStatus.NOT_MODIFIED, ca.toBlocking()
                    .exchange(HttpRequest.GET("/api/v1/catalog").header("If-None-Match", etag)).getStatus());
            assertEquals(HttpStatus.NOT_MODIFIED, ca.toBlocking()
                    .exchange(HttpRequest.GET("/api/v1/catalog").header("If-None-Match", "\"other\", W/" + etag)).getStatus());

            cb.toBlocking().exchange(HttpRequest.POST("/api/v1/models", validModel(id)).bearerAuth(TOKEN));

            HttpResponse<CatalogSummary> after = ca.toBlocking().exchange(
                    HttpRequest.GET("/api/v1/catalog").header("If-None-Match", etag), CatalogSummary.class);
            assertEquals(HttpStatus.OK, after.getStatus());
            assertNotEquals(first.body().version(), after.body().version());
            assertEquals(first.body().entries().get("models") + 1, after.body().entries().get("models"));
            assertEquals("\"" + after.body().version() + "\"", after.header("ETag"));
            assertEquals(after.body().version(), cb.toBlocking().retrieve("/api/v1/catalog", CatalogSummary.class).version());
            cb.toBlocking().exchange(HttpRequest.DELETE("/api/v1/models/" + id).bearerAuth(TOKEN));
        }
    }
}
