package io.inferplan.engine.speed.sim;

import io.inferplan.engine.speed.physics.StepPhysics;
import io.inferplan.engine.speed.policy.SchedulerPolicy;
import io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission;
import io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind;

import java.util.SplittableRandom;

/**
 * Discrete-event simulation of one serving replica, stepping its scheduler the way the framework does
 * ({@link SchedulerPolicy}) with step durations from {@link StepPhysics}. Deterministic for a seed.
 *
 * <p>Each step: arrivals whose request overhead has passed join the queue; decoding requests each take a token;
 * the policy schedules prefill work (continuing chunks first, then waiting requests in arrival order while the
 * sequence cap, the token budget and the KV admission rule allow); the step's duration follows from what it
 * carries. A request's first token comes at the end of the step that completes its prompt; it finishes after
 * output − 1 more decode steps. When on-demand KV runs out, the most recently admitted request is preempted and
 * recomputed later. Between events (an arrival that can be admitted, a finish, the KV filling up) a decode-only
 * stretch is summed in closed form: its steps are linear in the context, which grows by one token per sequence per
 * step, so no step is enumerated there.
 */
public final class ServingSimulator {
    private static final int WAITING = 0;
    private static final int PREFILLING = 1;
    private static final int DECODING = 2;
    private static final int DONE = 3;

    private final SimulationSpec spec;
    private final StepPhysics ph;
    private final SchedulerPolicy pol;
    private final Requests r;
    private final FinishHeap finishes = new FinishHeap();
    private final IntRing waiting = new IntRing();
    private final IntRing pendingClosedLoop = new IntRing();
    private final RunningSet running;
    private final Meter meter;
    private final double roundingPerSequence;
    private int nextOpenArrival;
    private int created;
    private long tick;
    private double now;
    /** KV tokens held: every running request's computed prompt and output, plus the stored shared prefix. */
    private double kvUsed;
    /** Output tokens still to come of running requests (SGLang's reservation), and the reservation ratio. */
    private double remainingOutput;
    private double newTokenRatio;
    private boolean prefixReady;
    private int sharedCached;
    private long admissions;
    /** A preemption in this step: vLLM V1 schedules no waiting request in a step that preempted. */
    private boolean preemptedThisStep;
    /** Prefill-first schedulers: after a preemption, no admission until a request finishes (else they livelock). */
    private boolean holdAdmissions;
    /** Time decoding requests spent stalled behind prefill-only steps since their last token. */
    private double stall;
    private long loops;

    private ServingSimulator(SimulationSpec spec) {
        this.spec = spec;
        this.ph = spec.physics();
        this.pol = spec.policy();
        this.r = new Requests(spec);
        this.running = new RunningSet(spec.requestCount());
        this.meter = new Meter(spec, r);
        this.roundingPerSequence = (pol.kvBlockTokens() - 1) / 2.0;
        this.newTokenRatio = pol.newTokenRatio().start();
    }

    /** Runs the simulation to the last request's last token. */
    public static SimulationResult run(SimulationSpec spec) {
        return new ServingSimulator(spec).simulate();
    }

    private SimulationResult simulate() {
        startArrivals();
        long guard = 400L * r.n + 1_000_000;
        while (meter.completed < r.n) {
            if (++loops > guard) {
                throw new IllegalStateException("simulation made no progress after " + loops + " events");
            }
            releaseArrivals();
            if (running.size() == 0 && waiting.isEmpty()) {
                double next = nextEligibleTime();
                if (Double.isInfinite(next)) {
                    break; // nothing left that can arrive (cannot happen with consistent inputs)
                }
                meter.idle(next - now);
                now = next;
                continue;
            }
            makeRoomForDecodes();
            Step s = plan();
            if (s.prefillTokens == 0 && running.decoding() == 0) {
                // nothing can run (KV full of prompts that cannot advance): wait for an arrival or give up
                double next = nextEligibleTime();
                if (Double.isInfinite(next)) {
                    throw new IllegalStateException("simulation stalled: KV cache too small for one request");
                }
                meter.idle(next - now);
                now = next;
                continue;
            }
            if (s.prefillTokens == 0) {
                decodeStretch();
            } else {
                runStep(s);
            }
            finishDue();
        }
        return meter.result(now);
    }

    // ---- arrivals ----

    private void startArrivals() {
        switch (spec.arrivals().kind()) {
            case CLOSED_LOOP:
                for (int c = 0; c < Math.min(spec.arrivals().clients(), r.n); c++) {
                    pendingClosedLoop.addLast(create(0));
                }
                break;
            case ALL_AT_ONCE:
                for (int i = 0; i < r.n; i++) {
                    pendingClosedLoop.addLast(create(0)); // all sent at 0; each reaches the queue after its overhead
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

    private double nextEligibleTime() {
        if (spec.arrivals().kind() == Arrivals.Kind.OPEN) {
            return nextOpenArrival < r.n ? eligibleAt(nextOpenArrival) : Double.POSITIVE_INFINITY;
        }
        return pendingClosedLoop.isEmpty() ? Double.POSITIVE_INFINITY : eligibleAt(pendingClosedLoop.peek());
    }

    private void releaseArrivals() {
        if (spec.arrivals().kind() == Arrivals.Kind.OPEN) {
            while (nextOpenArrival < r.n && eligibleAt(nextOpenArrival) <= now) {
                meter.arrived(nextOpenArrival, now);
                waitFor(nextOpenArrival++);
            }
        } else {
            while (!pendingClosedLoop.isEmpty() && eligibleAt(pendingClosedLoop.peek()) <= now) {
                waitFor(pendingClosedLoop.poll());
            }
        }
    }

    private void waitFor(int id) {
        r.state[id] = WAITING;
        waiting.addLast(id);
    }

    // ---- scheduling ----

    /** The prefill work of one step (decodes are implicit: every decoding request takes one token). */
    private static final class Step {
        int count;
        int[] ids = new int[16];
        int[] chunks = new int[16];
        double prefillTokens;
        double pairs;

        void clear() {
            count = 0;
            prefillTokens = 0;
            pairs = 0;
        }

        void add(int id, int chunk, double priorTokens) {
            if (count == ids.length) {
                ids = java.util.Arrays.copyOf(ids, count * 2);
                chunks = java.util.Arrays.copyOf(chunks, count * 2);
            }
            ids[count] = id;
            chunks[count++] = chunk;
            prefillTokens += chunk;
            pairs += StepPhysics.attentionPairs(chunk, priorTokens);
        }
    }

    private final Step step = new Step();

    private Step plan() {
        step.clear();
        boolean mixed = pol.stepKind() == StepKind.MIXED;
        double budget = pol.tokenBudgetPerStep() - (mixed ? running.decoding() : 0);
        for (int k = 0; k < running.prefillingCount() && budget > 0; k++) {
            int id = running.prefillingAt(k);
            int chunk = chunkFor(r.toCompute(id), budget);
            if (chunk == 0 || !kvAllows(chunk)) {
                break;
            }
            step.add(id, chunk, r.computed[id]);
            budget -= chunk;
        }
        boolean mayAdmit = (pol.stepKind() != StepKind.STATIC || running.size() == 0) && !preemptedThisStep
                && !holdAdmissions;
        preemptedThisStep = false;
        while (mayAdmit && budget > 0 && !waiting.isEmpty() && running.size() < pol.maxRunningSequences()) {
            int id = waiting.peek();
            int cached = r.recompute[id] > 0 ? 0 : (prefixReady ? pol.cachedTokens(sharedCached, r.in[id]) : 0);
            int need = r.recompute[id] > 0 ? r.recompute[id] : r.in[id] - cached;
            int chunk = chunkFor(need, budget);
            if (chunk == 0 || !admissible(id, need, chunk)) {
                break;
            }
            waiting.poll();
            admit(id, cached);
            step.add(id, chunk, r.computed[id]);
            budget -= chunk;
        }
        return step;
    }

    private int chunkFor(int need, double budget) {
        if (need <= budget) {
            return need;
        }
        if (pol.chunkedPrefill()) {
            return (int) budget;
        }
        return step.prefillTokens == 0 ? need : 0; // unchunked: alone in its step, even beyond the budget
    }

    private boolean kvAllows(double tokens) {
        return pol.kvAdmission() != KvAdmission.ON_DEMAND || running.size() <= 1
                || kvUsed + step.prefillTokens + tokens + roundingPerSequence * running.size() <= spec.kvCapacityTokens();
    }

    private boolean admissible(int id, int need, int chunk) {
        double cap = spec.kvCapacityTokens();
        switch (pol.kvAdmission()) {
            case RESERVE_FULL:
                return kvUsed + r.reserveFor(id, need) <= cap || running.size() == 0;
            case RESERVE_ESTIMATE:
                return kvUsed + step.prefillTokens + newTokenRatio * (remainingOutput + r.out[id]) + need <= cap
                        || running.size() == 0;
            default:
                // on-demand: room for the chunk and for every decoding sequence's next block (vLLM keeps a
                // watermark of free blocks for running requests; without it a preempted request is re-admitted at
                // once and preempted again, recomputing its prompt every step)
                return kvUsed + step.prefillTokens + chunk + roundingPerSequence * (running.size() + 1)
                        + (double) pol.kvBlockTokens() * running.decoding() <= cap || running.size() == 0;
        }
    }

    private void admit(int id, int cached) {
        r.state[id] = PREFILLING;
        r.admittedAt[id] = now;
        if (r.recompute[id] == 0) {
            r.cached[id] = cached;
            r.computed[id] = cached;
        }
        r.admission[id] = admissions++;
        running.addPrefilling(id);
        remainingOutput += r.out[id] - r.generated[id];
        if (pol.kvAdmission() == KvAdmission.RESERVE_FULL) {
            r.reserved[id] = r.reserveFor(id, r.toCompute(id));
            kvUsed += r.reserved[id];
        }
    }

    // ---- KV pressure ----

    /** Before a step: if the decodes' next tokens do not fit, preempt the newest running requests (recompute). */
    private void makeRoomForDecodes() {
        if (pol.kvAdmission() == KvAdmission.RESERVE_FULL) {
            return;
        }
        while (running.decoding() > 0 && kvUsed + running.decoding() + roundingPerSequence * running.size()
                > spec.kvCapacityTokens() && running.size() > 1) {
            preempt(running.newest(r.admission));
        }
    }

    private void preempt(int id) {
        if (r.state[id] == DECODING) {
            r.epoch[id]++;
            running.removeDecoding(id, r.context(id, tick));
            r.generated[id] = r.generatedAt(id, tick);
        } else {
            running.removePrefilling(id);
        }
        kvUsed -= r.held(id, tick);
        remainingOutput -= r.out[id] - r.generated[id];
        r.recompute[id] = r.in[id] + r.generated[id]; // vLLM V1 / SGLang: drop the KV, prefill prompt + output again
        r.computed[id] = 0;
        r.cached[id] = 0;
        r.state[id] = WAITING;
        waiting.addFirst(id);
        meter.preemptions++;
        newTokenRatio = pol.newTokenRatio().start();
        preemptedThisStep = true;
        holdAdmissions = pol.stepKind() != StepKind.MIXED;
    }

    // ---- advancing time ----

    private void runStep(Step s) {
        boolean decodes = pol.stepKind() == StepKind.MIXED;
        int d = decodes ? running.decoding() : 0;
        double dt = ph.stepSeconds(d, decodes ? running.contextTokens() : 0, s.prefillTokens, s.pairs);
        now += dt;
        meter.step(dt, d, kvUsed / spec.kvCapacityTokens());
        if (d > 0) {
            advanceDecodes(1, d);
            meter.gap(dt + stall, d);
            stall = 0;
        } else if (running.decoding() > 0) {
            stall += dt; // a prefill-only step: every decoding request's next gap grows by it
        }
        for (int k = 0; k < s.count; k++) {
            int id = s.ids[k];
            r.computed[id] += s.chunks[k];
            if (pol.kvAdmission() != KvAdmission.RESERVE_FULL) {
                kvUsed += s.chunks[k];
            }
            if (r.toCompute(id) == 0) {
                promptDone(id);
            }
        }
    }

    /** A decode-only stretch up to the next event, summed in closed form. */
    private void decodeStretch() {
        int d = running.decoding();
        double a = ph.decodeConstantSeconds(d);
        double b = ph.decodeSecondsPerContextToken();
        double s0 = running.contextTokens();
        long k = finishes.validTop(r.epoch) ? Math.max(1, finishes.minTick() - tick) : 1;
        if (pol.kvAdmission() != KvAdmission.RESERVE_FULL) {
            double room = spec.kvCapacityTokens() - kvUsed - roundingPerSequence * running.size();
            k = Math.min(k, Math.max(1, (long) Math.floor(room / d)));
        }
        if (waiting.isEmpty() && running.size() < pol.maxRunningSequences()) {
            k = Math.min(k, stepsUntil(nextEligibleTime() - now, a + b * s0, b * d));
        } else if (!waiting.isEmpty() && pol.kvAdmission() == KvAdmission.RESERVE_ESTIMATE) {
            k = Math.min(k, 8); // the reservation ratio decays: look again soon
        }
        double first = a + b * s0;
        double duration = k * first + b * d * k * (k - 1) / 2.0;
        now += duration;
        double rise = pol.kvAdmission() == KvAdmission.RESERVE_FULL ? 0 : d * (k - 1) / 2.0;
        meter.stretch(duration, k, d, kvUsed, rise, spec.kvCapacityTokens());
        meter.gap(first + stall, d);
        stall = 0;
        if (k > 1) {
            meter.gapRange(first + b * d, first + b * d * (k - 1), (double) d * (k - 1));
        }
        advanceDecodes(k, d);
    }

    /** Smallest k ≥ 1 with k·first + slope·k(k−1)/2 ≥ gap: the step at whose start the gap has passed. */
    private static long stepsUntil(double gap, double first, double slope) {
        if (Double.isInfinite(gap)) {
            return Long.MAX_VALUE;
        }
        if (gap <= 0) {
            return 1;
        }
        if (slope <= 0) {
            return Math.max(1, (long) Math.ceil(gap / first));
        }
        double bq = first - slope / 2;
        double k = (-bq + Math.sqrt(bq * bq + 2 * slope * gap)) / slope;
        return Math.max(1, (long) Math.ceil(k - 1e-9));
    }

    private void advanceDecodes(long k, int d) {
        tick += k;
        running.addContext((double) d * k);
        double tokens = (double) d * k;
        if (pol.kvAdmission() != KvAdmission.RESERVE_FULL) {
            kvUsed += tokens;
        }
        remainingOutput -= tokens;
        meter.generated += tokens;
        SchedulerPolicy.NewTokenRatio nr = pol.newTokenRatio();
        newTokenRatio = Math.max(nr.floor(), newTokenRatio - nr.decayPerStep() * k);
    }

    private void promptDone(int id) {
        running.removePrefilling(id);
        if (!prefixReady && spec.sharedPrefixTokens() > 0 && pol.prefixCache() != SchedulerPolicy.PrefixCacheKind.NONE) {
            prefixReady = true; // the first full prompt stores the shared prefix once; later ones find it cached
            sharedCached = spec.sharedPrefixTokens();
            int stored = pol.cachedTokens(sharedCached, r.in[id]);
            r.cached[id] = stored; // its prefix KV now belongs to the cache, not to the request
        }
        if (r.recompute[id] > 0) {
            r.recompute[id] = 0;
            r.computed[id] = r.in[id]; // the recomputed output tokens count as generated, not as prompt
        } else {
            r.firstTokenAt[id] = now;
            r.generated[id] = 1;
            remainingOutput -= 1;
            meter.generated += 1;
            if (pol.kvAdmission() != KvAdmission.RESERVE_FULL) {
                kvUsed += 1;
            }
        }
        r.state[id] = DECODING;
        r.baseTick[id] = tick;
        r.baseGenerated[id] = r.generated[id];
        running.addDecoding(id, r.in[id] + r.generated[id]);
        if (r.generated[id] >= r.out[id]) {
            finish(id);
        } else {
            finishes.add(tick + r.out[id] - r.generated[id], id, r.epoch[id]);
        }
    }

    private void finishDue() {
        while (finishes.validTop(r.epoch) && finishes.minTick() <= tick) {
            int id = finishes.minId();
            finishes.removeTop();
            finish(id);
        }
    }

    private void finish(int id) {
        if (r.state[id] == DECODING) {
            running.removeDecoding(id, r.context(id, tick));
        }
        kvUsed -= r.held(id, tick);
        remainingOutput -= r.out[id] - r.generatedAt(id, tick);
        r.generated[id] = r.out[id];
        r.state[id] = DONE;
        r.finishAt[id] = now;
        holdAdmissions = false;
        meter.completed(id, now);
        if (spec.arrivals().kind() == Arrivals.Kind.CLOSED_LOOP && created < r.n) {
            pendingClosedLoop.addLast(create(now)); // the client sends its next request at once
        }
    }
}
