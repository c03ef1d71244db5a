package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.ContextExtension;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.RopeScaling;
import org.junit.jupiter.api.Test;

import static io.inferplan.engine.memory.Fixtures.llama31_8b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rope scaling: original context × factor, only when the card documents the method, never beyond its maximum. */
class ContextWindowTest {

    /** Qwen3-8B: max_position_embeddings 40,960; card: YaRN over 32,768 original tokens up to 131,072. */
    static ModelSpec qwen3_8b() {
        return new ModelSpec("qwen3-8b", 8.2e9, 8.2e9, 36, 36, 4096, 12288, 32, 8, 128, 151936, 40960,
                AttentionKind.GQA, 0, 0, 0, 0, 0, 0, false, null, new ContextExtension("yarn", 32768, 131072));
    }

    @Test
    void withoutScalingTheWindowIsTheModelsOwn() {
        ContextWindow.Resolved r = ContextWindow.resolve(qwen3_8b(), null);
        assertEquals(40960, r.model().maxContextTokens());
        assertNull(r.refusal());
    }

    @Test
    void yarnFactorFourGives131072Tokens() {
        ContextWindow.Resolved r = ContextWindow.resolve(qwen3_8b(), new RopeScaling("yarn", 4.0));
        assertNull(r.refusal());
        assertEquals(131072, r.model().maxContextTokens());
        assertTrue(r.note().contains("32768 × 4.00 = 131072"), r.note());
    }

    @Test
    void factorTwoGives65536Tokens() {
        assertEquals(65536, ContextWindow.resolve(qwen3_8b(), new RopeScaling("yarn", 2.0)).model().maxContextTokens());
    }

    @Test
    void aFactorBeyondTheCardIsRefused() {
        ContextWindow.Resolved r = ContextWindow.resolve(qwen3_8b(), new RopeScaling("yarn", 8.0));
        assertTrue(r.refusal().contains("beyond the 131072 its model card documents"), r.refusal());
    }

    @Test
    void aMethodTheCardDoesNotDocumentIsRefused() {
        assertTrue(ContextWindow.resolve(qwen3_8b(), new RopeScaling("linear", 2.0)).refusal().contains("yarn"));
        assertTrue(ContextWindow.resolve(llama31_8b(), new RopeScaling("yarn", 2.0)).refusal()
                .contains("no documented rope-scaling"));
    }
}
