package io.inferplan.engine.speed.sim;

/**
 * The running requests: those still reading their prompt (in admission order, few) and those decoding (a linked
 * list, any number), with the decoders' count and the sum of their contexts kept up to date.
 */
final class RunningSet {
    private int[] prefilling = new int[16];
    private int prefillingCount;
    private final int[] prev;
    private final int[] next;
    private int head = -1;
    private int tail = -1;
    private int decoding;
    private double contextTokens;

    RunningSet(int capacity) {
        prev = new int[capacity];
        next = new int[capacity];
    }

    int size() {
        return prefillingCount + decoding;
    }

    int decoding() {
        return decoding;
    }

    int prefillingCount() {
        return prefillingCount;
    }

    int prefillingAt(int k) {
        return prefilling[k];
    }

    double contextTokens() {
        return contextTokens;
    }

    void addContext(double tokens) {
        contextTokens += tokens;
    }

    void addPrefilling(int id) {
        if (prefillingCount == prefilling.length) {
            prefilling = java.util.Arrays.copyOf(prefilling, prefillingCount * 2);
        }
        prefilling[prefillingCount++] = id;
    }

    void removePrefilling(int id) {
        for (int k = 0; k < prefillingCount; k++) {
            if (prefilling[k] == id) {
                System.arraycopy(prefilling, k + 1, prefilling, k, prefillingCount - k - 1);
                prefillingCount--;
                return;
            }
        }
    }

    void addDecoding(int id, double context) {
        prev[id] = tail;
        next[id] = -1;
        if (tail >= 0) {
            next[tail] = id;
        } else {
            head = id;
        }
        tail = id;
        decoding++;
        contextTokens += context;
    }

    void removeDecoding(int id, double context) {
        if (prev[id] >= 0) {
            next[prev[id]] = next[id];
        } else {
            head = next[id];
        }
        if (next[id] >= 0) {
            prev[next[id]] = prev[id];
        } else {
            tail = prev[id];
        }
        decoding--;
        contextTokens -= context;
        if (decoding == 0) {
            contextTokens = 0; // no drift from floating-point sums
        }
    }

    /** The most recently admitted running request (the one a recompute preemption evicts). */
    int newest(long[] admission) {
        int p = prefillingCount > 0 ? prefilling[prefillingCount - 1] : -1;
        if (tail < 0) {
            return p;
        }
        if (p < 0) {
            return tail;
        }
        return admission[p] > admission[tail] ? p : tail;
    }
}
