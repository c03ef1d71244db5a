package io.inferplan.engine.technique.disagg;

import io.inferplan.engine.speed.physics.StepTime;

/**
 * A step of a decode instance in a disaggregated deployment: the prompts' KV arrives over the network, so admitting
 * a request computes nothing — only the decoding sequences cost time, and no prefill ever interferes with them.
 */
public final class DecodePoolStep implements StepTime {
    private final StepTime base;

    public DecodePoolStep(StepTime base) {
        this.base = base;
    }

    @Override
    public double stepSeconds(double decodeSequences, double decodeContextTokens, double prefillTokens,
                              double prefillPairs) {
        return base.stepSeconds(decodeSequences, decodeContextTokens, 0, 0);
    }

    @Override
    public double decodeConstantSeconds(double d) {
        return base.decodeConstantSeconds(d);
    }

    @Override
    public double decodeSecondsPerContextToken() {
        return base.decodeSecondsPerContextToken();
    }
}
