package io.inferplan.web.hardening;

import java.util.List;

/**
 * Every route of the application with a valid input to start from: the one place a new route is added (the hostile
 * test fails naming any route of the router that is missing here). {@code {plan}} in a path or input is replaced
 * by the id of a saved plan that exists.
 */
final class RouteTable {

    enum Input { NONE, QUERY, JSON, CSV, FORM }

    /**
     * @param template the router's template ("/api/v1/plans/{id:[0-9]+}"), for the coverage check
     * @param path     the path requested
     * @param input    how {@code valid} is sent
     * @param valid    a valid query string (without '?'), body or form
     */
    record Route(String method, String template, String path, Input input, String valid) {
        boolean writes() {
            return !method.equals("GET");
        }

        Route withQuery(String query) {
            return new Route(method, template, path + "?" + query, input, valid);
        }
    }

    static final String EVALUATE = "{\"model\":\"llama-3.1-8b\",\"weightFormat\":\"bf16\",\"accelerator\":\"l4\",\"framework\":\"vllm\","
            + "\"workload\":{\"mode\":\"fixed-concurrency\",\"inputTokens\":512,\"outputTokens\":64,\"concurrency\":4},"
            + "\"serving\":{\"memoryFraction\":0.9},\"pricing\":{\"usdPerGpuHour\":1.2}}";
    static final String QUERY = "model=llama-3.1-8b&weightFormat=bf16&accelerator=l4&framework=vllm&mode=single-stream"
            + "&inputTokens=100&outputTokens=10";
    static final String SMALL_SEARCH = "{\"model\":\"llama-3.1-8b\",\"accelerators\":[\"l4\"],\"frameworks\":[\"vllm\"],"
            + "\"workload\":{\"mode\":\"single-stream\",\"inputTokens\":100,\"outputTokens\":10},"
            + "\"slo\":{\"ttftP95Ms\":2000,\"tpotMs\":100},\"limit\":5}";
    static final String FLEET = "{\"model\":\"llama-3.1-8b\",\"weightFormat\":\"bf16\",\"accelerator\":\"l4\",\"framework\":\"vllm\","
            + "\"traffic\":{\"requestsPerSecond\":1,\"inputTokens\":512,\"outputTokens\":64},\"slo\":{\"ttftP95Ms\":2000,\"tpotMs\":100}}";
    static final String ADVISE = "{\"model\":\"llama-3.1-8b\",\"accelerator\":\"l4\",\"workload\":{\"mode\":\"single-stream\","
            + "\"inputTokens\":100,\"outputTokens\":10}}";
    static final String MIX = "{\"routes\":[{\"name\":\"a\",\"requestShare\":1,\"plan\":" + EVALUATE + "}]}";
    static final String PLAN = "{\"name\":\"hostile plan\",\"notes\":\"n\",\"request\":" + EVALUATE + "}";
    static final String MODEL = "{\"id\":\"hostile-model\",\"totalParametersBillions\":8,\"layers\":32,\"hiddenSize\":4096,"
            + "\"intermediateSize\":14336,\"attentionHeads\":32,\"kvHeads\":8,\"headDim\":128,\"vocabSize\":128256,"
            + "\"maxContextTokens\":8192,\"attention\":\"gqa\",\"sourceUrl\":\"https://example.com\"}";
    static final String WEIGHT_FORMAT = "{\"id\":\"hostile-wf\",\"bitsPerWeight\":6.5,\"frameworks\":[\"llama.cpp\"],"
            + "\"hardwareNeed\":\"any\",\"gguf\":true,\"sourceUrl\":\"https://example.com\"}";
    static final String KV_FORMAT = "{\"id\":\"hostile-kv\",\"bitsPerValue\":6,\"frameworks\":[\"llama.cpp\"],"
            + "\"hardwareNeed\":\"any\",\"sourceUrl\":\"https://example.com\"}";
    static final String ACCELERATOR = "{\"id\":\"hostile-gpu\",\"vendor\":\"X\",\"name\":\"X\",\"memoryGB\":80,"
            + "\"memoryBandwidthGBps\":1000,\"architecture\":\"nvidia_hopper\",\"sourceUrl\":\"https://example.com\"}";
    static final String API_PRICE = "{\"id\":\"hostile-api\",\"provider\":\"X\",\"model\":\"m\",\"usdPerMillionInputTokens\":1,"
            + "\"usdPerMillionOutputTokens\":2,\"sourceUrl\":\"https://example.com\"}";
    static final String GPU_PRICE = "{\"id\":\"hostile-gpu-price\",\"provider\":\"X\",\"accelerator\":\"l4\",\"usdPerGpuHour\":1.5,"
            + "\"pricingType\":\"on-demand\",\"sourceUrl\":\"https://example.com\"}";
    static final String HF_CONFIG = "{\"hidden_size\":4096,\"num_hidden_layers\":32,\"num_attention_heads\":32,"
            + "\"num_key_value_heads\":8,\"intermediate_size\":14336,\"vocab_size\":128256,\"max_position_embeddings\":8192}";
    static final String BACKUP = "{\"format\":\"inferplan-backup\",\"formatVersion\":1,\"savedPlans\":[{\"id\":900000,"
            + "\"name\":\"hostile import\",\"revision\":1,\"createdAt\":\"2026-12-01T00:00:00Z\",\"updatedAt\":\"2026-12-01T00:00:00Z\","
            + "\"catalogVersion\":\"cat-0\",\"request\":" + EVALUATE + ",\"summary\":{\"acceleratorCount\":1,\"weightsGiB\":15,"
            + "\"kvCacheBytesPerToken\":131072,\"kvCacheGiBPerRequest\":0.07,\"totalGiBPerAccelerator\":20,\"fits\":true,"
            + "\"maxConcurrentRequests\":10}}],\"customEntries\":{\"models\":[" + MODEL.replace("hostile-model", "hostile-import")
            + "]},\"calibrationProfiles\":[]}";
    static final String DAY = "{\"plan\":{\"model\":\"llama-3.1-8b\",\"weightFormat\":\"bf16\",\"accelerator\":\"h100-sxm\","
            + "\"acceleratorCount\":1,\"framework\":\"vllm\",\"workload\":{\"inputTokens\":1000,\"outputTokens\":250}},"
            + "\"slo\":{\"ttftP95Ms\":2000,\"tpotP95Ms\":50},\"hourlyRequestsPerSecond\":[2,4],"
            + "\"autoscaling\":{\"minReplicas\":1,\"targetRequestsPerSecondPerReplica\":4},"
            + "\"purchase\":{\"reservedReplicas\":1,\"reservedUsdPerGpuHour\":1.6}}";
    static final String DAY_QUERY = "model=llama-3.1-8b&weightFormat=bf16&accelerator=h100-sxm&acceleratorCount=1&framework=vllm"
            + "&inputTokens=1000&outputTokens=250&ttftP95Ms=2000&tpotP95Ms=50&hourlyRequestsPerSecond=2%2C4"
            + "&minReplicas=1&targetRequestsPerSecondPerReplica=4&reservedReplicas=1&spotReplicas=0"
            + "&reservedUsdPerGpuHour=1&onDemandUsdPerGpuHour=2.5";
    static final String SPECULATIVE_QUERY = "model=llama-3.1-8b&weightFormat=bf16&accelerator=h100-sxm&framework=vllm"
            + "&mode=fixed-concurrency&inputTokens=512&outputTokens=64&concurrency=4&speculativeMethod=eagle"
            + "&numSpeculativeTokens=3&acceptanceRate=0.8";
    static final String MEASUREMENTS = "id,source_url,framework,model,weight_format,accelerator,accelerator_count,metric,value\n"
            + "r1,https://example.com,llama.cpp,llama-3.1-8b,gguf-q4_k_m,rtx-4090,1,output_tokens_per_second_per_request,120\n";

    static final List<Route> ROUTES = List.of(
            // plans: evaluate, spreadsheets, capacity
            new Route("POST", "/api/v1/plans/evaluate", "/api/v1/plans/evaluate", Input.JSON, EVALUATE),
            new Route("GET", "/api/v1/plans/evaluate", "/api/v1/plans/evaluate", Input.QUERY, QUERY),
            new Route("GET", "/api/v1/plans/evaluate.csv", "/api/v1/plans/evaluate.csv", Input.QUERY, QUERY),
            new Route("GET", "/api/v1/plans/value", "/api/v1/plans/value", Input.QUERY, QUERY + "&field=performance.ttftMs"),
            new Route("GET", "/api/v1/plans/sweep", "/api/v1/plans/sweep", Input.QUERY, QUERY + "&vary=inputTokens&values=100,200"),
            new Route("GET", "/api/v1/plans/sweep.csv", "/api/v1/plans/sweep.csv", Input.QUERY, QUERY + "&vary=concurrency&from=1&to=4&step=1"),
            new Route("GET", "/api/v1/plans/kv-growth", "/api/v1/plans/kv-growth", Input.QUERY, QUERY),
            new Route("GET", "/api/v1/plans/kv-growth.csv", "/api/v1/plans/kv-growth.csv", Input.QUERY, QUERY),
            new Route("POST", "/api/v1/plans/fleet", "/api/v1/plans/fleet", Input.JSON, FLEET),
            new Route("POST", "/api/v1/plans/fleet.csv", "/api/v1/plans/fleet.csv", Input.JSON, FLEET),
            new Route("GET", "/api/v1/plans/fleet", "/api/v1/plans/fleet", Input.QUERY, QUERY + "&requestsPerSecond=1&ttftP95Ms=2000&tpotMs=100"),
            new Route("GET", "/api/v1/plans/fleet.csv", "/api/v1/plans/fleet.csv", Input.QUERY, QUERY + "&requestsPerSecond=1&ttftP95Ms=2000&tpotMs=100"),
            new Route("POST", "/api/v1/plans/optimize", "/api/v1/plans/optimize", Input.JSON, SMALL_SEARCH),
            new Route("POST", "/api/v1/plans/optimize.csv", "/api/v1/plans/optimize.csv", Input.JSON, SMALL_SEARCH),
            new Route("GET", "/api/v1/plans/optimize", "/api/v1/plans/optimize", Input.QUERY,
                    "model=llama-3.1-8b&mode=single-stream&inputTokens=100&outputTokens=10&ttftP95Ms=2000&tpotMs=100&accelerators=l4&frameworks=vllm"),
            new Route("GET", "/api/v1/plans/optimize.csv", "/api/v1/plans/optimize.csv", Input.QUERY,
                    "model=llama-3.1-8b&mode=single-stream&inputTokens=100&outputTokens=10&ttftP95Ms=2000&tpotMs=100&accelerators=l4&frameworks=vllm"),
            new Route("POST", "/api/v1/plans/advise", "/api/v1/plans/advise", Input.JSON, ADVISE),
            new Route("POST", "/api/v1/plans/advise.csv", "/api/v1/plans/advise.csv", Input.JSON, ADVISE),
            new Route("POST", "/api/v1/plans/mix", "/api/v1/plans/mix", Input.JSON, MIX),
            new Route("POST", "/api/v1/plans/mix.csv", "/api/v1/plans/mix.csv", Input.JSON, MIX),
            new Route("POST", "/api/v1/plans/day", "/api/v1/plans/day", Input.JSON, DAY),
            new Route("POST", "/api/v1/plans/day.csv", "/api/v1/plans/day.csv", Input.JSON, DAY),
            // saved plans
            new Route("POST", "/api/v1/plans", "/api/v1/plans", Input.JSON, PLAN),
            new Route("GET", "/api/v1/plans", "/api/v1/plans", Input.NONE, ""),
            new Route("GET", "/api/v1/plans/{id:[0-9]+}", "/api/v1/plans/{plan}", Input.NONE, ""),
            new Route("PUT", "/api/v1/plans/{id:[0-9]+}", "/api/v1/plans/{plan}", Input.JSON, PLAN.replace("{\"name\"", "{\"revision\":1,\"name\"")),
            new Route("DELETE", "/api/v1/plans/{id:[0-9]+}", "/api/v1/plans/999999", Input.NONE, ""),
            // catalogs
            new Route("GET", "/api/v1/catalog", "/api/v1/catalog", Input.NONE, ""),
            new Route("GET", "/api/v1/models", "/api/v1/models", Input.QUERY, "family=llama&attention=gqa"),
            new Route("GET", "/api/v1/models/{id}", "/api/v1/models/llama-3.1-8b", Input.NONE, ""),
            new Route("POST", "/api/v1/models", "/api/v1/models", Input.JSON, MODEL),
            new Route("PUT", "/api/v1/models/{id}", "/api/v1/models/hostile-model", Input.JSON, MODEL),
            new Route("DELETE", "/api/v1/models/{id}", "/api/v1/models/hostile-none", Input.NONE, ""),
            new Route("POST", "/api/v1/models/import/hf-config", "/api/v1/models/import/hf-config", Input.JSON, HF_CONFIG)
                    .withQuery("id=hostile-hf&sourceUrl=https://example.com/config.json"),
            new Route("GET", "/api/v1/weight-formats", "/api/v1/weight-formats", Input.QUERY, "framework=vllm"),
            new Route("GET", "/api/v1/weight-formats/{id}", "/api/v1/weight-formats/bf16", Input.NONE, ""),
            new Route("POST", "/api/v1/weight-formats", "/api/v1/weight-formats", Input.JSON, WEIGHT_FORMAT),
            new Route("PUT", "/api/v1/weight-formats/{id}", "/api/v1/weight-formats/hostile-wf", Input.JSON, WEIGHT_FORMAT),
            new Route("DELETE", "/api/v1/weight-formats/{id}", "/api/v1/weight-formats/hostile-none", Input.NONE, ""),
            new Route("GET", "/api/v1/kv-cache-formats", "/api/v1/kv-cache-formats", Input.QUERY, "framework=vllm"),
            new Route("GET", "/api/v1/kv-cache-formats/{id}", "/api/v1/kv-cache-formats/fp8", Input.NONE, ""),
            new Route("POST", "/api/v1/kv-cache-formats", "/api/v1/kv-cache-formats", Input.JSON, KV_FORMAT),
            new Route("PUT", "/api/v1/kv-cache-formats/{id}", "/api/v1/kv-cache-formats/hostile-kv", Input.JSON, KV_FORMAT),
            new Route("DELETE", "/api/v1/kv-cache-formats/{id}", "/api/v1/kv-cache-formats/hostile-none", Input.NONE, ""),
            new Route("GET", "/api/v1/accelerators", "/api/v1/accelerators", Input.QUERY, "vendor=nvidia&minMemoryGB=40"),
            new Route("GET", "/api/v1/accelerators/{id}", "/api/v1/accelerators/h100-sxm", Input.NONE, ""),
            new Route("POST", "/api/v1/accelerators", "/api/v1/accelerators", Input.JSON, ACCELERATOR),
            new Route("PUT", "/api/v1/accelerators/{id}", "/api/v1/accelerators/hostile-gpu", Input.JSON, ACCELERATOR),
            new Route("DELETE", "/api/v1/accelerators/{id}", "/api/v1/accelerators/hostile-none", Input.NONE, ""),
            new Route("GET", "/api/v1/frameworks", "/api/v1/frameworks", Input.QUERY, "hardware=nvidia"),
            new Route("GET", "/api/v1/frameworks/{id}", "/api/v1/frameworks/vllm", Input.NONE, ""),
            new Route("GET", "/api/v1/api-prices", "/api/v1/api-prices", Input.QUERY, "provider=openai"),
            new Route("GET", "/api/v1/api-prices/{id}", "/api/v1/api-prices/openai-gpt-4o", Input.NONE, ""),
            new Route("POST", "/api/v1/api-prices", "/api/v1/api-prices", Input.JSON, API_PRICE),
            new Route("PUT", "/api/v1/api-prices/{id}", "/api/v1/api-prices/hostile-api", Input.JSON, API_PRICE),
            new Route("DELETE", "/api/v1/api-prices/{id}", "/api/v1/api-prices/hostile-none", Input.NONE, ""),
            new Route("GET", "/api/v1/gpu-prices", "/api/v1/gpu-prices", Input.QUERY, "accelerator=h100-sxm&pricingType=on-demand"),
            new Route("GET", "/api/v1/gpu-prices/{id}", "/api/v1/gpu-prices/aws-h100-sxm-p5.48xlarge-on-demand", Input.NONE, ""),
            new Route("POST", "/api/v1/gpu-prices", "/api/v1/gpu-prices", Input.JSON, GPU_PRICE),
            new Route("PUT", "/api/v1/gpu-prices/{id}", "/api/v1/gpu-prices/hostile-gpu-price", Input.JSON, GPU_PRICE),
            new Route("DELETE", "/api/v1/gpu-prices/{id}", "/api/v1/gpu-prices/hostile-none", Input.NONE, ""),
            new Route("GET", "/api/v1/format-support", "/api/v1/format-support", Input.QUERY, "framework=vllm&hardware=nvidia"),
            new Route("GET", "/api/v1/format-support/{id}", "/api/v1/format-support/vllm.weight.bf16.any", Input.NONE, ""),
            new Route("GET", "/api/v1/energy/power", "/api/v1/energy/power", Input.NONE, ""),
            new Route("GET", "/api/v1/cold-start", "/api/v1/cold-start", Input.NONE, ""),
            new Route("GET", "/api/v1/framework-operations", "/api/v1/framework-operations", Input.QUERY, "framework=vllm"),
            new Route("GET", "/api/v1/quality-deltas", "/api/v1/quality-deltas", Input.QUERY, "format=fp8&kind=weight"),
            new Route("GET", "/api/v1/techniques/kv-links", "/api/v1/techniques/kv-links", Input.NONE, ""),
            new Route("GET", "/api/v1/techniques/support", "/api/v1/techniques/support", Input.QUERY,
                    "framework=vllm&technique=speculative"),
            new Route("GET", "/api/v1/techniques/acceptance", "/api/v1/techniques/acceptance", Input.NONE, ""),
            new Route("GET", "/api/v1/energy/grid-intensities", "/api/v1/energy/grid-intensities", Input.QUERY, "kind=country"),
            new Route("GET", "/api/v1/energy/grid-intensities/{id}", "/api/v1/energy/grid-intensities/africa", Input.NONE, ""),
            // calibration, admin
            new Route("POST", "/api/v1/calibration/profiles", "/api/v1/calibration/profiles", Input.CSV, MEASUREMENTS)
                    .withQuery("name=hostile-profile"),
            new Route("GET", "/api/v1/calibration/profiles", "/api/v1/calibration/profiles", Input.NONE, ""),
            new Route("GET", "/api/v1/calibration/profiles/{name}", "/api/v1/calibration/profiles/shipped", Input.NONE, ""),
            new Route("GET", "/api/v1/admin/export", "/api/v1/admin/export", Input.NONE, ""),
            new Route("POST", "/api/v1/admin/import", "/api/v1/admin/import", Input.JSON, BACKUP).withQuery("dryRun=true"),
            // pages
            new Route("GET", "/", "/", Input.QUERY, QUERY),
            new Route("GET", "/plan", "/plan", Input.QUERY, QUERY),
            new Route("GET", "/plan/chart/{file}", "/plan/chart/memory.svg", Input.QUERY, QUERY),
            new Route("GET", "/plan/report.pdf", "/plan/report.pdf", Input.QUERY, QUERY),
            new Route("GET", "/plan/technique-chart/{file}", "/plan/technique-chart/speculative.svg", Input.QUERY,
                    SPECULATIVE_QUERY),
            new Route("GET", "/plan/report.xlsx", "/plan/report.xlsx", Input.QUERY, QUERY),
            new Route("GET", "/catalog", "/catalog", Input.NONE, ""),
            new Route("GET", "/optimize", "/optimize", Input.QUERY,
                    "model=llama-3.1-8b&mode=single-stream&inputTokens=100&outputTokens=10&accelerators=l4&frameworks=vllm"),
            new Route("GET", "/optimize/pareto.svg", "/optimize/pareto.svg", Input.QUERY,
                    "model=llama-3.1-8b&mode=single-stream&inputTokens=100&outputTokens=10&accelerators=l4&frameworks=vllm"),
            new Route("GET", "/fleet", "/fleet", Input.QUERY, QUERY + "&requestsPerSecond=1"),
            new Route("GET", "/advise", "/advise", Input.QUERY, "model=llama-3.1-8b&accelerator=l4&mode=single-stream&inputTokens=100&outputTokens=10"),
            new Route("GET", "/advise/chart.svg", "/advise/chart.svg", Input.QUERY,
                    "model=llama-3.1-8b&accelerator=l4&mode=single-stream&inputTokens=100&outputTokens=10&criterion=throughput"),
            new Route("GET", "/day", "/day", Input.QUERY, DAY_QUERY),
            new Route("GET", "/day/chart.svg", "/day/chart.svg", Input.QUERY, DAY_QUERY),
            new Route("GET", "/day/report.pdf", "/day/report.pdf", Input.QUERY, DAY_QUERY),
            new Route("GET", "/day/report.xlsx", "/day/report.xlsx", Input.QUERY, DAY_QUERY),
            new Route("GET", "/saved", "/saved", Input.NONE, ""),
            new Route("GET", "/saved/{id}", "/saved/{plan}", Input.NONE, ""),
            new Route("POST", "/saved", "/saved", Input.FORM, QUERY + "&name=hostile+form"),
            new Route("GET", "/calibrate", "/calibrate", Input.NONE, ""),
            // a multipart upload page: sent url-encoded here, so its refusals (415, 403) are what is exercised
            new Route("POST", "/calibrate", "/calibrate", Input.FORM, QUERY + "&name=hostile-page&format=measurements-csv"),
            // operations (management endpoints: only health and prometheus are open)
            new Route("GET", "/health", "/health", Input.NONE, ""),
            new Route("GET", "/health/{selector}", "/health/liveness", Input.NONE, ""),
            new Route("GET", "/livez", "/livez", Input.NONE, ""),
            new Route("GET", "/prometheus", "/prometheus", Input.NONE, ""),
            new Route("GET", "/beans", "/beans", Input.NONE, ""),
            new Route("GET", "/flyway", "/flyway", Input.NONE, ""),
            new Route("GET", "/info", "/info", Input.NONE, ""),
            new Route("GET", "/metrics", "/metrics", Input.NONE, ""),
            new Route("GET", "/metrics/{name}", "/metrics/jvm.memory.used", Input.NONE, ""),
            new Route("GET", "/routes", "/routes", Input.NONE, ""),
            new Route("GET", "/threaddump", "/threaddump", Input.NONE, ""),
            new Route("POST", "/refresh", "/refresh", Input.JSON, "{}"));

    private RouteTable() {
    }
}
