package io.inferplan.plan.quality;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * How much worse than the same model in 16 bits a weight format and KV format are, from the published row closest to
 * the planned model. Null percentages = no published figure.
 *
 * @param weightPercentBelowSixteenBit  the weight format's published delta (0 for a 16-bit format)
 * @param kvPercentBelowSixteenBit      the KV format's published delta (0 for the 16-bit default)
 * @param percentBelowSixteenBit        the two added (null when either is unknown): an approximation, since published
 *                                      rows measure one format at a time
 * @param basis                         which rows were used, on which model, from where, as one sentence
 * @param rowIds                        ids of the quality-deltas rows used
 */
@Serdeable
public record QualityEstimate(@Nullable Double weightPercentBelowSixteenBit, @Nullable Double kvPercentBelowSixteenBit,
                              @Nullable Double percentBelowSixteenBit, String basis, List<String> rowIds) {

    /** Whether the estimate is known and at most {@code maxPercent} below 16-bit. */
    public boolean within(double maxPercent) {
        return percentBelowSixteenBit != null && percentBelowSixteenBit <= maxPercent + 1e-9;
    }
}
