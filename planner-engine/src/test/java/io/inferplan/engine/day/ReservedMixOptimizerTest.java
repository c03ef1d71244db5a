package io.inferplan.engine.day;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The cheapest reserved/on-demand split of a small curve, worked by hand. */
class ReservedMixOptimizerTest {

    // four hours needing 1, 1, 2, 4 replicas; no cold start or drain; reserved 1.00, on-demand 2.50 USD per replica-hour
    static final int[] NEEDED = {1, 1, 2, 4};

    @Test
    void twoReservedIsCheapest() {
        // R = 0: 8 replica-hours on-demand × 2.5                         = 20.00
        // R = 1: 4 × 1.0 reserved + (0 + 0 + 1 + 3) × 2.5 = 4 + 10         = 14.00
        // R = 2: 8 × 1.0 + (0 + 0 + 0 + 2) × 2.5 = 8 + 5                  = 13.00  ← cheapest
        // R = 3: 12 × 1.0 + 1 × 2.5                                      = 14.50
        // R = 4: 16 × 1.0                                                = 16.00
        ReservedMixOptimizer.Choice c = ReservedMixOptimizer.cheapest(NEEDED, 8, 0, 0, 1.0, 2.5);
        assertEquals(List.of(20.0, 14.0, 13.0, 14.5, 16.0), c.options().stream().map(ReservedMixOptimizer.Option::usd).toList());
        assertEquals(2, c.best().reservedReplicas());
        assertEquals(8.0, c.best().reservedReplicaHours(), 1e-9);
        assertEquals(2.0, c.best().onDemandReplicaHours(), 1e-9);
        assertEquals(13.0, c.best().usd(), 1e-9);
    }

    @Test
    void theRuleOfThumbAgrees() {
        // break-even share 1.0 ÷ 2.5 = 0.4; replica k is needed 4/4, 2/4, 1/4, 1/4 of the hours: reserve the first two
        ReservedMixOptimizer.Choice c = ReservedMixOptimizer.cheapest(NEEDED, 8, 0, 0, 1.0, 2.5);
        assertEquals(0.4, c.breakEvenUtilisationFraction(), 1e-12);
        assertEquals(List.of(1.0, 0.5, 0.25, 0.25), c.replicaUtilisationFractions());
    }

    @Test
    void aTieKeepsTheFewerReserved() {
        // on-demand 2.0: R = 1 costs 4 + 4 × 2 = 12 and R = 2 costs 8 + 2 × 2 = 12; fewer commitments win
        assertEquals(1, ReservedMixOptimizer.cheapest(NEEDED, 8, 0, 0, 1.0, 2.0).best().reservedReplicas());
    }

    @Test
    void theFloorSavesColdStartsBelowIt() {
        // needed 1, 2 with a 1,800 s cold start and 300 s drain, reserved 1.0, on-demand 2.0
        // R = 0: hour 0 drains 1 for 300 s: 1 + 300/3600; hour 1 launches 1 and pays it while loading: 2 → 3.083333 × 2
        // R = 2: both stay on: 2 × 2 h reserved = 4.00, cheaper than R = 0 (6.166667) and R = 1 (2 + 1.083333 × 2 = 4.166667)
        ReservedMixOptimizer.Choice c = ReservedMixOptimizer.cheapest(new int[] {1, 2}, 8, 1_800, 300, 1.0, 2.0);
        assertEquals(6.0 + 2 * 300 / 3600.0 * 1, c.options().get(0).usd(), 1e-9);
        assertEquals(2.0 + 2 * (1 + 300 / 3600.0), c.options().get(1).usd(), 1e-9);
        assertEquals(2, c.best().reservedReplicas());
        assertEquals(4.0, c.best().usd(), 1e-9);
    }

    @Test
    void purchaseTypesOfOneStretch() {
        // 1,800 s with 5 replicas paid, 2 reserved, at most 2 spot: reserved 2 × 0.5 h, spot 2 × 0.5 h, on-demand 1 × 0.5 h
        PurchaseMix.Split s = new PurchaseMix(2, 2).split(new ScalingTimeline.Segment(1800, 4, 1));
        assertEquals(new PurchaseMix.Split(1.0, 0.5, 1.0), s);
        assertEquals(0, new PurchaseMix(2, 2).idleReservedReplicaHours(3), 1e-12);
        assertEquals(1, new PurchaseMix(2, 2).idleReservedReplicaHours(1), 1e-12);
    }
}
