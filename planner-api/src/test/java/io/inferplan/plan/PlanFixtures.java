package io.inferplan.plan;

import io.inferplan.plan.evaluate.PlanRequest;

/** Named request fixtures shared by the HTTP tests. */
public final class PlanFixtures {

    private PlanFixtures() {
    }

    /** The contract's example: Llama 3.1 70B in FP8 on 4 H100 SXM with vLLM, 32 concurrent 2048/256 requests. */
    public static PlanRequest llama70bOn4H100() {
        return new PlanRequest("llama-3.1-70b", "fp8", "fp8", "h100-sxm", 4, "vllm",
                new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, 32, null, 0), null, null, null);
    }

    /** Llama 3.1 8B in BF16 on one L4 with vLLM, 4 concurrent 512/64 requests, as a JSON body. */
    public static final String SMALL_PLAN_JSON = "{\"model\":\"llama-3.1-8b\",\"weightFormat\":\"bf16\",\"accelerator\":\"l4\","
            + "\"framework\":\"vllm\",\"workload\":{\"mode\":\"fixed-concurrency\",\"inputTokens\":512,\"outputTokens\":64,"
            + "\"concurrency\":4}}";

    /** The same as query parameters. */
    public static final String LLAMA_70B_QUERY = "model=llama-3.1-70b&weightFormat=fp8&kvCacheFormat=fp8&accelerator=h100-sxm"
            + "&acceleratorCount=4&framework=vllm&mode=fixed-concurrency&inputTokens=2048&outputTokens=256&concurrency=32"
            + "&sharedPrefixTokens=0";
}
