package io.inferplan.engine.speed.sim;

/**
 * Min-heap of (decode tick at which a request produces its last token, request id). Every running request
 * advances one token per decode step, so its finish is a fixed tick; a preempted request's entry is left in place
 * and skipped when its epoch no longer matches ({@link #validTop}).
 */
final class FinishHeap {
    private long[] ticks = new long[64];
    private int[] ids = new int[64];
    private int[] epochs = new int[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    long minTick() {
        return ticks[0];
    }

    int minId() {
        return ids[0];
    }

    int minEpoch() {
        return epochs[0];
    }

    void add(long tick, int id, int epoch) {
        if (size == ticks.length) {
            ticks = java.util.Arrays.copyOf(ticks, size * 2);
            ids = java.util.Arrays.copyOf(ids, size * 2);
            epochs = java.util.Arrays.copyOf(epochs, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int p = (i - 1) >>> 1;
            if (ticks[p] <= tick) {
                break;
            }
            move(p, i);
            i = p;
        }
        set(i, tick, id, epoch);
    }

    void removeTop() {
        size--;
        if (size == 0) {
            return;
        }
        long t = ticks[size];
        int id = ids[size];
        int ep = epochs[size];
        int i = 0;
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && ticks[c + 1] < ticks[c]) {
                c++;
            }
            if (ticks[c] >= t) {
                break;
            }
            move(c, i);
            i = c;
        }
        set(i, t, id, ep);
    }

    /** Drops stale entries (preempted requests) and says whether a valid one remains. */
    boolean validTop(int[] currentEpoch) {
        while (size > 0 && epochs[0] != currentEpoch[ids[0]]) {
            removeTop();
        }
        return size > 0;
    }

    private void move(int from, int to) {
        ticks[to] = ticks[from];
        ids[to] = ids[from];
        epochs[to] = epochs[from];
    }

    private void set(int i, long t, int id, int ep) {
        ticks[i] = t;
        ids[i] = id;
        epochs[i] = ep;
    }
}
