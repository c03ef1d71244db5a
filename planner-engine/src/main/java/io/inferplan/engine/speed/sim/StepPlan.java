package io.inferplan.engine.speed.sim;

import io.inferplan.engine.speed.physics.StepPhysics;

/** The prefill work of one step (decodes are implicit: every decoding request takes one token). */
final class StepPlan {
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
