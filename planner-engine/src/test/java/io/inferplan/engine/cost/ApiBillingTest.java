package io.inferplan.engine.cost;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hand-worked bills; the arithmetic is in the comments. */
class ApiBillingTest {

    /** Claude Sonnet 4 / 4.5 as catalogued: $3 in, $0.30 cached, $15 out; > 200k prompts $6 / $22.50; batch 50 %. */
    static ApiBilling.Prices sonnet() {
        return new ApiBilling.Prices(3, 0.30, 15, 0.5, 200_000, 6, Double.NaN, 22.5);
    }

    @Nested
    class PromptCache {

        @Test
        void ninetyPercentSharedPrefixAtTheCachedPrice() {
            // RAG: 10,000 input tokens, 9,000 of them a shared prefix → cache-hit share 0.9; 500 output tokens
            // input price = 0.1 × 3 + 0.9 × 0.30 = 0.30 + 0.27 = $0.57 per million
            // blended = (10,000 × 0.57 + 500 × 15) ÷ 10,500 = (5,700 + 7,500) ÷ 10,500 = $1.257142857
            // list blended = (10,000 × 3 + 500 × 15) ÷ 10,500 = 37,500 ÷ 10,500 = $3.571428571
            ApiBilling.Bill b = ApiBilling.bill(sonnet(), 10_000, 500, 0.9, false);
            assertEquals(0.57, b.inputUsdPerMillion(), 1e-12);
            assertEquals(15, b.outputUsdPerMillion(), 1e-12);
            assertEquals(1.257142857, b.blendedUsdPerMillion(), 1e-9);
            assertEquals(3.571428571, CostModel.apiUsdPerMillionBlendedTokens(3, 15, 10_000, 500), 1e-9);
            assertEquals(0.9, b.cacheHitFraction(), 0);
            assertEquals(1, b.applied().size());
            assertTrue(b.applied().get(0).startsWith("prompt cache: 90.0 %"));
        }

        @Test
        void noCachedPriceMeansFullPriceAndSaysSo() {
            ApiBilling.Bill b = ApiBilling.bill(ApiBilling.Prices.list(0.88, 0.88), 10_000, 500, 0.9, false);
            assertEquals(0.88, b.blendedUsdPerMillion(), 1e-12);
            assertEquals(0, b.cacheHitFraction(), 0);
            assertTrue(b.applied().isEmpty());
            assertTrue(b.notApplied().get(0).startsWith("prompt cache: no cached-input price"));
        }
    }

    @Nested
    class LongContextTier {

        @Test
        void aPromptAboveTheThresholdPaysTheTierForEveryToken() {
            // 250,000 input > 200,000: $6 in, $22.50 out; blended = (250,000 × 6 + 1,000 × 22.5) ÷ 251,000
            // = (1,500,000 + 22,500) ÷ 251,000 = $6.065737052
            ApiBilling.Bill b = ApiBilling.bill(sonnet(), 250_000, 1_000, 0, false);
            assertTrue(b.longContextTier());
            assertEquals(6, b.inputUsdPerMillion(), 1e-12);
            assertEquals(22.5, b.outputUsdPerMillion(), 1e-12);
            assertEquals(6.065737052, b.blendedUsdPerMillion(), 1e-9);
        }

        @Test
        void aPromptAtTheThresholdStaysOnTheBasePrice() {
            ApiBilling.Bill b = ApiBilling.bill(sonnet(), 200_000, 1_000, 0, false);
            assertFalse(b.longContextTier());
            assertEquals(3, b.inputUsdPerMillion(), 1e-12);
        }

        @Test
        void theTierWithoutACachedPriceBillsTheWholePromptAtTheTier() {
            // the tier has no cached price in the catalog: 0.9 cache share is not applied, $6 for every input token
            ApiBilling.Bill b = ApiBilling.bill(sonnet(), 250_000, 1_000, 0.9, false);
            assertEquals(6, b.inputUsdPerMillion(), 1e-12);
            assertTrue(b.notApplied().get(0).contains("long-context tier"));
        }
    }

    @Test
    void batchHalvesEveryPriceCacheReadsIncluded() {
        // input 0.57 (90 % cached, as above) × 0.5 = 0.285; output 15 × 0.5 = 7.5
        // blended = (10,000 × 0.285 + 500 × 7.5) ÷ 10,500 = (2,850 + 3,750) ÷ 10,500 = $0.628571429
        ApiBilling.Bill b = ApiBilling.bill(sonnet(), 10_000, 500, 0.9, true);
        assertEquals(0.285, b.inputUsdPerMillion(), 1e-12);
        assertEquals(7.5, b.outputUsdPerMillion(), 1e-12);
        assertEquals(0.628571429, b.blendedUsdPerMillion(), 1e-9);
        assertTrue(b.batch());
        assertEquals(2, b.applied().size());
    }

    @Test
    void breakEvenFollowsTheBilledPrice() {
        // a $10,000/month deployment against the 90 %-cached bill of $1.257142857 per million:
        // 10,000 ÷ 1.257142857 × 10^6 = 7.954545 × 10^9 tokens per month (list price: 2.8 × 10^9)
        assertEquals(7.954545e9, CostModel.breakEvenTokensPerMonth(10_000, 1.257142857), 1e4);
        assertEquals(2.8e9, CostModel.breakEvenTokensPerMonth(10_000, 3.571428571), 1e3);
    }
}
