package io.inferplan.engine.speed.physics;

/**
 * What the simulator needs from a step: its duration for what it carries, and what a decode step yields. The plain
 * target model is {@link StepPhysics}; serving techniques wrap it (speculative decoding verifies k + 1 tokens per
 * sequence and drafts them first; LoRA adds the adapters' matrices; a decode pool of a disaggregated deployment gets
 * its prompts' KV over the network instead of computing it). Every implementation must stay linear in the decoding
 * sequences' context so that a decode-only stretch can be summed in closed form.
 */
public interface StepTime {

    /** Duration of one step, seconds (see {@link StepPhysics#stepSeconds}). */
    double stepSeconds(double decodeSequences, double decodeContextTokens, double prefillTokens, double prefillPairs);

    /** The part of a decode-only step of d sequences that does not grow with their context, seconds. */
    double decodeConstantSeconds(double d);

    /** What one more token of context in a decode step costs, seconds. */
    double decodeSecondsPerContextToken();

    /** Output tokens each decoding sequence gains per step on average (1 without speculation). */
    default double tokensPerDecodeStep() {
        return 1;
    }

    /** Tokens of the scheduler's budget each decoding sequence takes per step (1; k + 1 when verifying k drafts). */
    default int budgetTokensPerDecodingSequence() {
        return 1;
    }
}
