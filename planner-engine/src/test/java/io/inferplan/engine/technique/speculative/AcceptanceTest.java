package io.inferplan.engine.technique.speculative;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Expected tokens per verification step, (1 − α^(k+1)) ÷ (1 − α), worked by hand. */
class AcceptanceTest {

    @ParameterizedTest(name = "α {0}, k {1}: {2} tokens per step")
    @CsvSource({
        // α = 0.8, k = 3: (1 − 0.4096) ÷ 0.2
        "0.8, 3, 2.952",
        // α = 0.5, k = 1: (1 − 0.25) ÷ 0.5
        "0.5, 1, 1.5",
        // α = 0.6, k = 5: (1 − 0.6^6 = 0.046656) ÷ 0.4
        "0.6, 5, 2.38336",
        // no draft accepted: only the target's own token
        "0.0, 4, 1.0",
        // every draft accepted: k + 1
        "1.0, 4, 5.0"
    })
    void expectedTokensPerStep(double alpha, int k, double tokens) {
        assertEquals(tokens, Acceptance.expectedTokensPerStep(alpha, k), 1e-12);
    }

    @Test
    void aPublishedLengthGivesBackItsAcceptanceRate() {
        // 2.952 tokens per step at k = 3 is α = 0.8 (the row above, inverted)
        assertEquals(0.8, Acceptance.alphaForLength(2.952, 3), 1e-9);
        // TensorRT-LLM's n-gram chat figure: 1.37 at k = 5 is a low α
        double alpha = Acceptance.alphaForLength(1.37, 5);
        assertEquals(1.37, Acceptance.expectedTokensPerStep(alpha, 5), 1e-9);
        assertEquals(0.27, alpha, 0.005);
    }

    @Test
    void anAcceptedShareIsOnePlusShareTimesK() {
        // llama.cpp: 72.055 % of 5 drafts accepted = 1 + 3.60275 tokens per step
        assertEquals(4.60275, Acceptance.lengthFromAcceptedShare(0.72055, 5), 1e-12);
    }

    @Test
    void impossibleInputsNameTheirField() {
        assertEquals("acceptanceRate: must be in [0, 1], got 1.2",
                assertThrows(IllegalArgumentException.class, () -> Acceptance.expectedTokensPerStep(1.2, 3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Acceptance.alphaForLength(5.0, 3));
    }
}
