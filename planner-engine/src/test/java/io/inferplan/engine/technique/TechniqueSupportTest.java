package io.inferplan.engine.technique;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The framework × technique table: refusals quote their reason and source, unknown cells warn. */
class TechniqueSupportTest {
    final TechniqueSupport t = TechniqueSupport.shipped();

    @Test
    void llamaCppHasNoPrefillDecodeSplitAndSaysWhere() {
        String why = t.refusal("llama.cpp", "pd-disaggregation", null).orElseThrow();
        assertTrue(why.startsWith("llama.cpp does not support prefill/decode disaggregation: "), why);
        assertTrue(why.contains("source: https://github.com/ggml-org/llama.cpp/"), why);
    }

    @Test
    void documentedSupportNeitherRefusesNorWarns() {
        assertTrue(t.refusal("vllm", "speculative", "eagle").isEmpty());
        assertTrue(t.caveat("vllm", "speculative", "eagle").isEmpty());
        assertTrue(t.refusal("tensorrt-llm", "pd-disaggregation", null).isEmpty());
    }

    @Test
    void unverifiedSupportWarnsInsteadOfRefusing() {
        assertTrue(t.refusal("sglang", "speculative", "ngram").isEmpty());
        assertTrue(t.caveat("sglang", "speculative", "ngram").orElseThrow().contains("not verified"));
    }

    @Test
    void everyEngineHasARowForEveryTechnique() {
        for (String fw : new String[] {"vllm", "sglang", "tensorrt-llm", "llama.cpp", "ollama", "lmdeploy", "tgi", "max",
            "mlc-llm"}) {
            for (String m : new String[] {"draft-model", "eagle", "mtp", "ngram"}) {
                assertTrue(t.cell(fw, "speculative", m).isPresent(), fw + " " + m);
            }
            assertTrue(t.cell(fw, "lora", null).isPresent(), fw + " lora");
            assertTrue(t.cell(fw, "pd-disaggregation", null).isPresent(), fw + " pd");
        }
        assertEquals("supported", t.cell("vllm", "lora", null).orElseThrow().status());
    }
}
