package io.inferplan.plan.advisor;

import io.inferplan.plan.quality.QualityEstimate;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The advisor's answer: the four questions as read or assumed, the weights of the criteria, and one row per
 * framework whose score is the sum of its criteria's points (weight × score).
 *
 * @param requestedAcceleratorCount the count asked for (null: each framework gets the fewest that fit, see its row)
 * @param questions   the four questions, each with the value read from the request or the default assumed
 * @param otherInputs team experience, quality budget, needs and priorities, read or assumed likewise
 * @param weights     every criterion's weight (they add up to 1) and why it has it
 * @param frameworks  ranked best first; those that cannot run last, with {@code cannotRunBecause}
 * @param method      how the score follows from the table
 */
@Serdeable
public record AdviseResponse(String model, String accelerator, @Nullable Integer requestedAcceleratorCount, List<Question> questions,
                             List<Question> otherInputs, List<CriterionWeight> weights, List<Advice> frameworks,
                             String method, String catalogVersion) {

    /**
     * One question (or input) and its answer.
     *
     * @param id       concurrency, prefixOverlap, hardware, lifetime (questions); teamExperience, qualityBudget, needs,
     *                 priorities (other inputs)
     * @param answer   the value used, in words and numbers
     * @param assumed  true when the request did not give it and the advisor assumed it
     * @param how      where it was read, or what was assumed and why
     */
    @Serdeable
    public record Question(String id, String question, String answer, boolean assumed, String how) {
    }

    /** @param why where the weight comes from (default for this workload, a need, or the request's priorities) */
    @Serdeable
    public record CriterionWeight(String id, String label, double weight, String why) {
    }

    /**
     * One framework's row of the score table.
     *
     * @param score            the sum of its criteria's points, 0..100 (null when it cannot run)
     * @param frameworkVersion the version the engine modelled
     * @param weightFormat     the format it would run for this goal
     * @param formatReason     why that format (its default, or the best that fits and is supported)
     * @param quality          that format's published quality cost against 16-bit
     * @param tensorParallel   accelerators per replica in the layout it would run (chosen with the format)
     * @param replicas         replicas of that group over the accelerator count
     * @param reasons          one sentence per criterion that counts, each quoting its number or source
     */
    @Serdeable
    public record Advice(int rank, String framework, String frameworkName, @Nullable Double score,
                         @Nullable String frameworkVersion, @Nullable String weightFormat, @Nullable String formatReason,
                         @Nullable QualityEstimate quality, @Nullable Integer acceleratorCount,
                         @Nullable Integer tensorParallel, @Nullable Integer replicas,
                         @Nullable Double outputTokensPerSecond, @Nullable Double ttftMs, @Nullable Double ttftP95Ms,
                         @Nullable Double tpotP95Ms, @Nullable Criteria criteria, List<String> reasons,
                         @Nullable String cannotRunBecause) {
    }

    /** The criteria of one row, one field each so that the CSV has one column set per criterion. */
    @Serdeable
    public record Criteria(Criterion throughput, Criterion ttftP95, Criterion tpotP95, Criterion prefixCache,
                           Criterion hardwareFit, Criterion quality, Criterion setupCost, Criterion maintenance, Criterion openAiApi,
                           Criterion structuredOutput, Criterion evidence) {
    }

    /**
     * One cell of the score table.
     *
     * @param value     the fact or engine number, in words
     * @param score     0..100 against the other frameworks here (null = no source: counted as 50)
     * @param weight    the criterion's weight
     * @param points    weight × score (the part of the total it gives)
     * @param reason    the sentence the ranking quotes
     * @param sourceUrl where the fact comes from (null for engine numbers)
     * @param asOf      the date that source was read
     */
    @Serdeable
    public record Criterion(String value, @Nullable Double score, double weight, double points, String reason,
                            @Nullable String sourceUrl, @Nullable String asOf) {
    }
}
