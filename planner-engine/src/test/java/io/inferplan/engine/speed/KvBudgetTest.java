package io.inferplan.engine.speed;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stand-in KV arithmetic agrees with engine.md's facts (the memory model is the authority). */
class KvBudgetTest {
    @Test
    void llama31_70bTakes320KiBPerTokenInFp16AndHalfInFp8() {
        assertEquals(327_680, KvBudget.kvBytesPerToken(Fixture.model("llama-3.1-70b"), Fixture.kv("fp16")), 0);
        assertEquals(163_840, KvBudget.kvBytesPerToken(Fixture.model("llama-3.1-70b"), Fixture.kv("fp8")), 0);
    }

    @Test
    void llama31_8bTakes128KiBPerToken() {
        assertEquals(131_072, KvBudget.kvBytesPerToken(Fixture.model("llama-3.1-8b"), Fixture.kv("fp16")), 0);
    }
}
