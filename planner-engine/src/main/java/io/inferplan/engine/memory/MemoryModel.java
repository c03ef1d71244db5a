package io.inferplan.engine.memory;

import io.inferplan.engine.spec.Parallelism;

import java.util.Optional;

/**
 * The memory model's entry point. Call {@link Compatibility#check(MemoryInput)} first: a combination that cannot
 * run has a reason, not an estimate.
 */
public final class MemoryModel {

    private MemoryModel() {
    }

    /**
     * Memory of one plan. With {@code input.parallelism() == null} the fewest accelerators that fit are used
     * ({@link #fewestAccelerators}); when none fit up to the largest tried, the estimate for that largest
     * count is returned with {@code fits == false} and a warning.
     *
     * @throws IllegalArgumentException when the combination is incompatible (a precondition: check first)
     */
    public static MemoryEstimate evaluate(MemoryInput input) {
        throw new UnsupportedOperationException("in progress on branch engine-memory");
    }

    /**
     * The fewest accelerators that fit: counts 1, 2, 4, 8 as tensor parallel (frameworks without tensor parallel
     * use pipeline/layer split), then 16, 32, 64 as TP 8 × PP; a count is skipped when TP does not divide the
     * attention heads. Empty when nothing up to 64 fits.
     */
    public static Optional<Parallelism> fewestAccelerators(MemoryInput input) {
        throw new UnsupportedOperationException("in progress on branch engine-memory");
    }
}
