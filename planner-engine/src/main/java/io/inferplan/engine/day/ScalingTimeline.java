package io.inferplan.engine.day;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The replicas of a fleet hour by hour as an autoscaler with delays drives them: each hour is cut into segments
 * during which the counts of serving and starting replicas stay the same.
 *
 * <p>At the start of hour h the autoscaler asks for {@code desired[h]}. Counting the replicas serving (minus those
 * already draining) and those starting: more are wanted → draining replicas are kept (they still run, no cold
 * start), then new ones are launched and serve {@code scaleUpDelaySeconds} later; fewer are wanted → replicas still
 * starting are cancelled first (they serve nobody yet), then serving ones drain: they keep serving and are paid for
 * {@code scaleDownDelaySeconds}, then stop. A starting replica is paid (the instance runs while it loads).
 *
 * <p>The curve repeats (a day, then the next day): hour 0 starts with the replicas of the last hour serving.
 */
public final class ScalingTimeline {

    public static final double SECONDS_PER_HOUR = 3600.0;

    private ScalingTimeline() {
    }

    /**
     * A stretch of an hour with fixed counts.
     *
     * @param serving  replicas taking requests (draining ones included)
     * @param starting replicas launched and loading (paid, not serving)
     */
    public record Segment(double seconds, int serving, int starting) {

        public int paid() {
            return serving + starting;
        }

        public double hours() {
            return seconds / SECONDS_PER_HOUR;
        }
    }

    /**
     * One hour.
     *
     * @param desired  replicas the autoscaler asked for at the hour's start
     * @param segments the hour cut where a replica became ready or stopped, in order, durations adding up to 3600 s
     */
    public record Hour(int desired, List<Segment> segments) {

        public Hour {
            segments = List.copyOf(segments);
        }

        /** Paid replica-hours: Σ segment hours × (serving + starting). */
        public double paidReplicaHours() {
            return segments.stream().mapToDouble(s -> s.hours() * s.paid()).sum();
        }

        /** Replica-hours that served: Σ segment hours × serving. */
        public double servingReplicaHours() {
            return segments.stream().mapToDouble(s -> s.hours() * s.serving()).sum();
        }

        /** Replicas serving at the end of the hour. */
        public int servingAtEnd() {
            return segments.get(segments.size() - 1).serving();
        }

        /** Seconds of the hour during which fewer replicas served than were asked for (a cold start under way). */
        public double secondsBelowDesired() {
            return segments.stream().filter(s -> s.serving() < desired).mapToDouble(Segment::seconds).sum();
        }
    }

    public static List<Hour> run(int[] desired, double scaleUpDelaySeconds, double scaleDownDelaySeconds) {
        if (desired.length == 0) {
            throw new IllegalArgumentException("desired: at least one hour");
        }
        if (!(scaleUpDelaySeconds >= 0) || !(scaleDownDelaySeconds >= 0)) {
            throw new IllegalArgumentException("delays: must be >= 0 seconds");
        }
        int serving = desired[desired.length - 1];
        List<Double> starting = new ArrayList<>(); // times at which each starting replica serves
        List<Double> draining = new ArrayList<>(); // times at which each draining replica stops (it serves until then)
        List<Hour> hours = new ArrayList<>();
        for (int h = 0; h < desired.length; h++) {
            double start = h * SECONDS_PER_HOUR;
            double end = start + SECONDS_PER_HOUR;
            int active = serving - draining.size() + starting.size();
            if (desired[h] > active) {
                int more = desired[h] - active;
                while (more > 0 && !draining.isEmpty()) {
                    draining.remove(draining.size() - 1);
                    more--;
                }
                for (int i = 0; i < more; i++) {
                    starting.add(start + scaleUpDelaySeconds);
                }
            } else if (desired[h] < active) {
                int fewer = active - desired[h];
                Collections.sort(starting);
                while (fewer > 0 && !starting.isEmpty()) {
                    starting.remove(starting.size() - 1);
                    fewer--;
                }
                for (int i = 0; i < fewer; i++) {
                    draining.add(start + scaleDownDelaySeconds);
                }
            }
            List<Segment> segments = new ArrayList<>();
            double t = start;
            while (true) {
                // replicas whose moment has come (at or before t) change state before the next stretch
                for (var it = starting.iterator(); it.hasNext();) {
                    if (it.next() <= t) {
                        it.remove();
                        serving++;
                    }
                }
                for (var it = draining.iterator(); it.hasNext();) {
                    if (it.next() <= t) {
                        it.remove();
                        serving--;
                    }
                }
                double next = end;
                for (double x : starting) {
                    next = Math.min(next, x);
                }
                for (double x : draining) {
                    next = Math.min(next, x);
                }
                if (next > t) {
                    segments.add(new Segment(next - t, serving, starting.size()));
                }
                if (next >= end) {
                    break;
                }
                t = next;
            }
            hours.add(new Hour(desired[h], segments));
        }
        return hours;
    }
}
