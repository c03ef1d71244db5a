package io.inferplan.engine.speed.sim;

import io.inferplan.engine.speed.physics.StepTime;
import io.inferplan.engine.speed.policy.SchedulerPolicy;
import io.inferplan.engine.speed.policy.SchedulerPolicy.StepKind;

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
    private final StepTime ph;
    /** Output tokens a decoding request gains per step (1; more under speculative decoding). */
    private final double perStep;
    private final SchedulerPolicy pol;
    private final Requests r;
    private final FinishHeap finishes = new FinishHeap();
    private final IntRing waiting = new IntRing();
    private final RunningSet running;
    private final Meter meter;
    private final ArrivalFeed arrivals;
    private long tick;
    private double now;
    private final KvLedger kv;
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
        this.perStep = ph.tokensPerDecodeStep();
        this.pol = spec.policy();
        this.r = new Requests(spec);
        this.running = new RunningSet(spec.requestCount());
        this.meter = new Meter(spec, r);
        this.arrivals = new ArrivalFeed(spec, r, meter);
        this.kv = new KvLedger(pol, spec.kvCapacityTokens(), perStep);
    }

    /** Runs the simulation to the last request's last token. */
    public static SimulationResult run(SimulationSpec spec) {
        return new ServingSimulator(spec).simulate();
    }

    private SimulationResult simulate() {
        long guard = 400L * r.n + 1_000_000;
        while (meter.completed < r.n) {
            if (++loops > guard) {
                throw new IllegalStateException("simulation made no progress after " + loops + " events");
            }
            arrivals.release(now, waiting, r.state, WAITING);
            if (running.size() == 0 && waiting.isEmpty()) {
                double next = arrivals.nextEligibleTime();
                if (Double.isInfinite(next)) {
                    break; // nothing left that can arrive (cannot happen with consistent inputs)
                }
                meter.idle(next - now);
                now = next;
                continue;
            }
            makeRoomForDecodes();
            StepPlan s = plan();
            if (s.prefillTokens == 0 && running.decoding() == 0) {
                // nothing can run (KV full of prompts that cannot advance): wait for an arrival or give up
                double next = arrivals.nextEligibleTime();
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

    // ---- scheduling ----

    private final StepPlan step = new StepPlan();

    private StepPlan plan() {
        step.clear();
        boolean mixed = pol.stepKind() == StepKind.MIXED;
        double budget = pol.tokenBudgetPerStep()
                - (mixed ? (double) running.decoding() * ph.budgetTokensPerDecodingSequence() : 0);
        for (int k = 0; k < running.prefillingCount() && budget > 0; k++) {
            int id = running.prefillingAt(k);
            int chunk = chunkFor(r.toCompute(id), budget);
            if (chunk == 0 || !kv.chunkFits(step.prefillTokens, chunk, running.size())) {
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
            if (chunk == 0 || !kv.admits(r, id, need, chunk, step.prefillTokens, running.size(), running.decoding())) {
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

    private void admit(int id, int cached) {
        r.state[id] = PREFILLING;
        r.admittedAt[id] = now;
        if (r.recompute[id] == 0) {
            r.cached[id] = cached;
            r.computed[id] = cached;
        }
        r.admission[id] = admissions++;
        running.addPrefilling(id);
        kv.remainingOutput += r.out[id] - r.generated[id];
        if (!kv.grows()) {
            r.reserved[id] = r.reserveFor(id, r.toCompute(id));
            kv.used += r.reserved[id];
        }
    }

    // ---- KV pressure ----

    /** Before a step: if the decodes' next tokens do not fit, preempt the newest running requests (recompute). */
    private void makeRoomForDecodes() {
        while (kv.decodesOverflow(running.decoding(), running.size()) && running.size() > 1) {
            preempt(running.newest(r.admission));
        }
    }

    private void preempt(int id) {
        if (r.state[id] == DECODING) {
            r.epoch[id]++;
            running.removeDecoding(id, r.context(id, tick));
            r.generated[id] = (int) Math.min(r.out[id], Math.floor(r.generatedAt(id, tick)));
        } else {
            running.removePrefilling(id);
        }
        kv.used -= r.held(id, tick);
        kv.remainingOutput -= r.out[id] - r.generated[id];
        r.recompute[id] = r.in[id] + r.generated[id]; // vLLM V1 / SGLang: drop the KV, prefill prompt + output again
        r.computed[id] = 0;
        r.cached[id] = 0;
        r.state[id] = WAITING;
        waiting.addFirst(id);
        meter.preemptions++;
        kv.preempted();
        preemptedThisStep = true;
        holdAdmissions = pol.stepKind() != StepKind.MIXED;
    }

    // ---- advancing time ----

    private void runStep(StepPlan s) {
        boolean decodes = pol.stepKind() == StepKind.MIXED;
        int d = decodes ? running.decoding() : 0;
        double dt = ph.stepSeconds(d, decodes ? running.contextTokens() : 0, s.prefillTokens, s.pairs);
        now += dt;
        meter.step(dt, d, kv.occupancy());
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
            if (kv.grows()) {
                kv.used += s.chunks[k];
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
        k = Math.min(k, kv.stepsThatFit(d, running.size()));
        if (waiting.isEmpty() && running.size() < pol.maxRunningSequences()) {
            k = Math.min(k, stepsUntil(arrivals.nextEligibleTime() - now, a + b * s0, b * d * perStep));
        } else if (!waiting.isEmpty() && pol.kvAdmission() == SchedulerPolicy.KvAdmission.RESERVE_ESTIMATE) {
            k = Math.min(k, 8); // the reservation ratio decays: look again soon
        }
        double first = a + b * s0;
        double growth = b * d * perStep; // each step's context grows by d × tokens per step
        double duration = k * first + growth * k * (k - 1) / 2.0;
        now += duration;
        meter.stretch(duration, k, d, kv.occupancy(),
                kv.grows() ? d * perStep * (k - 1) / 2.0 / spec.kvCapacityTokens() : 0);
        meter.gap(first + stall, d);
        stall = 0;
        if (k > 1) {
            meter.gapRange(first + growth, first + growth * (k - 1), (double) d * (k - 1));
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
        running.addContext((double) d * k * perStep);
        kv.decoded(k, d);
        meter.generated += (double) d * k * perStep;
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
            kv.remainingOutput -= 1;
            meter.generated += 1;
            if (kv.grows()) {
                kv.used += 1;
            }
        }
        r.state[id] = DECODING;
        r.baseTick[id] = tick;
        r.baseGenerated[id] = r.generated[id];
        running.addDecoding(id, r.in[id] + r.generated[id]);
        if (r.generated[id] >= r.out[id]) {
            finish(id);
        } else {
            finishes.add(tick + r.stepsFor(r.out[id] - r.generated[id]), id, r.epoch[id]);
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
        kv.used -= r.held(id, tick);
        kv.remainingOutput -= r.out[id] - r.generatedAt(id, tick);
        r.generated[id] = r.out[id];
        r.state[id] = DONE;
        r.finishAt[id] = now;
        holdAdmissions = false;
        meter.completed(id, now);
        arrivals.finished(now);
    }
}
