package io.inferplan.engine.day;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The autoscaler's replicas hour by hour, each case worked out by hand in its comments. */
class ScalingTimelineTest {

    private static final double EPS = 1e-9;

    @Nested
    class TwoHoursWithOneScaleUp {
        // desired 1 then 3; cold start 600 s, scale-down delay 300 s; the day repeats, so hour 0 starts with hour 1's 3
        final List<ScalingTimeline.Hour> hours = ScalingTimeline.run(new int[] {1, 3}, 600, 300);

        @Test
        void hourZeroDrainsTwoReplicasForTheScaleDownDelay() {
            // 3 serve for 300 s, then 1: paid 3 × 300/3600 + 1 × 3300/3600 = 0.25 + 0.916667 = 1.166667 replica-hours
            ScalingTimeline.Hour h = hours.get(0);
            assertEquals(List.of(new ScalingTimeline.Segment(300, 3, 0), new ScalingTimeline.Segment(3300, 1, 0)), h.segments());
            assertEquals(1.0 + 2 * 300 / 3600.0, h.paidReplicaHours(), EPS);
            assertEquals(0, h.secondsBelowDesired(), EPS);
        }

        @Test
        void hourOneWaitsForTheColdStart() {
            // at 1 h two replicas launch; for 600 s one serves while two load, then three serve
            // paid 3 × 1 h = 3; served 1 × 600/3600 + 3 × 3000/3600 = 0.166667 + 2.5 = 2.666667 replica-hours
            ScalingTimeline.Hour h = hours.get(1);
            assertEquals(List.of(new ScalingTimeline.Segment(600, 1, 2), new ScalingTimeline.Segment(3000, 3, 0)), h.segments());
            assertEquals(3.0, h.paidReplicaHours(), EPS);
            assertEquals(600 / 3600.0 + 3 * 3000 / 3600.0, h.servingReplicaHours(), EPS);
            assertEquals(600, h.secondsBelowDesired(), EPS);
            assertEquals(3, h.servingAtEnd());
        }
    }

    @Test
    void aDipShorterThanTheScaleDownDelayCostsNoColdStart() {
        // 3, 1, 3 with a 5,400 s scale-down delay: the two surplus replicas would stop at 2.5 h, but at 2 h they are
        // wanted again and kept: 3 serve all three hours, nothing starts
        List<ScalingTimeline.Hour> hours = ScalingTimeline.run(new int[] {3, 1, 3}, 600, 5_400);
        for (ScalingTimeline.Hour h : hours) {
            assertEquals(List.of(new ScalingTimeline.Segment(3600, 3, 0)), h.segments());
        }
    }

    @Test
    void aColdStartLongerThanAnHourSpillsIntoTheNext() {
        // 1, 2, 2; cold start 5,400 s, no scale-down delay. Hour 0: the 2 of hour 2 drop to 1 at once.
        // Hour 1: a replica launches at 3,600 s and serves at 9,000 s: all of hour 1 and 1,800 s of hour 2 at 1 serving
        List<ScalingTimeline.Hour> hours = ScalingTimeline.run(new int[] {1, 2, 2}, 5_400, 0);
        assertEquals(List.of(new ScalingTimeline.Segment(3600, 1, 0)), hours.get(0).segments());
        assertEquals(List.of(new ScalingTimeline.Segment(3600, 1, 1)), hours.get(1).segments());
        assertEquals(List.of(new ScalingTimeline.Segment(1800, 1, 1), new ScalingTimeline.Segment(1800, 2, 0)),
                hours.get(2).segments());
        assertEquals(1800, hours.get(2).secondsBelowDesired(), EPS);
    }

    @Test
    void aReplicaStillStartingIsCancelledBeforeAServingOneDrains() {
        // 1, 3, 2 with a 5,400 s cold start: at 2 h two replicas are still loading; one is cancelled, nothing drains
        List<ScalingTimeline.Hour> hours = ScalingTimeline.run(new int[] {1, 3, 2}, 5_400, 300);
        assertEquals(List.of(new ScalingTimeline.Segment(1800, 1, 1), new ScalingTimeline.Segment(1800, 2, 0)),
                hours.get(2).segments());
    }

    @ParameterizedTest(name = "scale to zero with a {0} s scale-down delay")
    @CsvSource({"0", "300"})
    void scaleToZeroPaysNothingWhileIdle(double downDelaySeconds) {
        // 0, 2: hour 0 drops the 2 of hour 1 after the delay; hour 1 starts from zero and waits 120 s
        List<ScalingTimeline.Hour> hours = ScalingTimeline.run(new int[] {0, 2}, 120, downDelaySeconds);
        assertEquals(2 * downDelaySeconds / 3600, hours.get(0).paidReplicaHours(), EPS);
        ScalingTimeline.Segment first = hours.get(1).segments().get(0);
        assertEquals(new ScalingTimeline.Segment(120, 0, 2), first);
        assertEquals(2.0, hours.get(1).paidReplicaHours(), EPS);
        assertEquals(2, hours.get(1).segments().size());
    }
}
