package io.inferplan.engine.speed.sim;

import io.inferplan.engine.speed.policy.SchedulerPolicy;
import io.inferplan.engine.speed.policy.SchedulerPolicy.KvAdmission;

/**
 * The replica's KV cache in tokens, and the scheduler's admission rule over it ({@link KvAdmission}). On-demand
 * and SGLang's estimate hold what requests have computed (growing one token per decode step), plus on average half
 * a block of rounding per sequence; reserve-to-completion holds each request's reservation from admission on.
 */
final class KvLedger {
    private final SchedulerPolicy pol;
    private final double capacity;
    private final double roundingPerSequence;
    /** Tokens held: running requests' computed prompt and output (or reservations), and the stored shared prefix. */
    double used;
    /** Output tokens still to come of running requests (SGLang's reservation) and the reservation ratio. */
    double remainingOutput;
    double newTokenRatio;
    /** KV tokens a decoding sequence adds per step (1; the accepted tokens under speculation). */
    private final double tokensPerStep;

    KvLedger(SchedulerPolicy pol, double capacityTokens, double tokensPerStep) {
        this.tokensPerStep = tokensPerStep;
        this.pol = pol;
        this.capacity = capacityTokens;
        this.roundingPerSequence = (pol.kvBlockTokens() - 1) / 2.0;
        this.newTokenRatio = pol.newTokenRatio().start();
    }

    /** Whether held tokens grow as tokens are computed (false: reserved up front). */
    boolean grows() {
        return pol.kvAdmission() != KvAdmission.RESERVE_FULL;
    }

    /** A continuing prompt chunk of {@code tokens} fits, with {@code planned} tokens already planned this step. */
    boolean chunkFits(double planned, double tokens, int running) {
        return pol.kvAdmission() != KvAdmission.ON_DEMAND || running <= 1
                || used + planned + tokens + roundingPerSequence * running <= capacity;
    }

    /** The waiting request may start: its KV fits by the policy's rule (a lone request always may). */
    boolean admits(Requests r, int id, int need, int chunk, double planned, int running, int decoding) {
        if (running == 0) {
            return true;
        }
        switch (pol.kvAdmission()) {
            case RESERVE_FULL:
                return used + r.reserveFor(id, need) <= capacity;
            case RESERVE_ESTIMATE:
                return used + planned + newTokenRatio * (remainingOutput + r.out[id]) + need <= capacity;
            default:
                // on-demand: room for the chunk and for every decoding sequence's next block (vLLM keeps a
                // watermark of free blocks for running requests; without it a preempted request is re-admitted at
                // once and preempted again, recomputing its prompt every step)
                return used + planned + chunk + roundingPerSequence * (running + 1)
                        + (double) pol.kvBlockTokens() * decoding <= capacity;
        }
    }

    /** The next decode step's tokens do not fit: a request must be preempted first. */
    boolean decodesOverflow(int decoding, int running) {
        return grows() && decoding > 0 && used + decoding * tokensPerStep + roundingPerSequence * running > capacity;
    }

    /** Decode steps of {@code decoding} sequences that still fit (at least 1; unbounded when reserved). */
    long stepsThatFit(int decoding, int running) {
        if (!grows()) {
            return Long.MAX_VALUE;
        }
        double room = capacity - used - roundingPerSequence * running;
        return Math.max(1, (long) Math.floor(room / (decoding * tokensPerStep)));
    }

    /** {@code k} decode steps of {@code d} sequences: tokens held grow, outputs still to come shrink. */
    void decoded(long k, int d) {
        double tokens = (double) d * k * tokensPerStep;
        if (grows()) {
            used += tokens;
        }
        remainingOutput -= tokens;
        SchedulerPolicy.NewTokenRatio nr = pol.newTokenRatio();
        newTokenRatio = Math.max(nr.floor(), newTokenRatio - nr.decayPerStep() * k);
    }

    /** After a preemption SGLang resets its reservation ratio (conservative again). */
    void preempted() {
        newTokenRatio = pol.newTokenRatio().start();
    }

    double occupancy() {
        return used / capacity;
    }
}
