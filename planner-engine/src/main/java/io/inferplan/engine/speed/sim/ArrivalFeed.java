package io.inferplan.engine.speed.sim;

import java.util.SplittableRandom;

/**
 * Where requests come from, and when each reaches the scheduler's queue (its arrival plus the request overhead):
 * a closed loop of clients that send again when their request finishes, an offline batch all sent at 0, or open
 * arrivals drawn once for the run (unit-mean gaps scaled by the rate, so rates share one random path).
 */
final class ArrivalFeed {
    private final SimulationSpec spec;
    private final Requests r;
    private final Meter meter;
    private final IntRing pending = new IntRing();
    private int nextOpen;
    private int created;

    ArrivalFeed(SimulationSpec spec, Requests r, Meter meter) {
        this.spec = spec;
        this.r = r;
        this.meter = meter;
        switch (spec.arrivals().kind()) {
            case CLOSED_LOOP:
                for (int c = 0; c < Math.min(spec.arrivals().clients(), r.n); c++) {
                    pending.addLast(create(0));
                }
                break;
            case ALL_AT_ONCE:
                for (int i = 0; i < r.n; i++) {
                    pending.addLast(create(0)); // all sent at 0; each reaches the queue after its overhead
                }
                break;
            default:
                SplittableRandom gaps = new SplittableRandom(spec.seed() * 31 + 7);
                double t = 0;
                for (int i = 0; i < r.n; i++) {
                    r.arrival[i] = t;
                    t += Arrivals.unitGap(gaps, spec.arrivals().burstiness()) / spec.arrivals().requestsPerSecond();
                }
        }
    }

    private int create(double at) {
        int id = created++;
        r.arrival[id] = at;
        meter.arrived(id, at);
        return id;
    }

    private double eligibleAt(int id) {
        return r.arrival[id] + spec.requestOverheadSeconds();
    }

    /** When the next request reaches the queue (+∞ when none is left). */
    double nextEligibleTime() {
        if (spec.arrivals().kind() == Arrivals.Kind.OPEN) {
            return nextOpen < r.n ? eligibleAt(nextOpen) : Double.POSITIVE_INFINITY;
        }
        return pending.isEmpty() ? Double.POSITIVE_INFINITY : eligibleAt(pending.peek());
    }

    /** Moves every request that has reached the queue by {@code now} into {@code waiting}. */
    void release(double now, IntRing waiting, int[] state, int waitingState) {
        if (spec.arrivals().kind() == Arrivals.Kind.OPEN) {
            while (nextOpen < r.n && eligibleAt(nextOpen) <= now) {
                meter.arrived(nextOpen, now);
                state[nextOpen] = waitingState;
                waiting.addLast(nextOpen++);
            }
        } else {
            while (!pending.isEmpty() && eligibleAt(pending.peek()) <= now) {
                int id = pending.poll();
                state[id] = waitingState;
                waiting.addLast(id);
            }
        }
    }

    /** A request finished at {@code now}: in a closed loop its client sends the next one at once. */
    void finished(double now) {
        if (spec.arrivals().kind() == Arrivals.Kind.CLOSED_LOOP && created < r.n) {
            pending.addLast(create(now));
        }
    }
}
