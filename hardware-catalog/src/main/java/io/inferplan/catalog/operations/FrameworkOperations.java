package io.inferplan.catalog.operations;

import io.inferplan.catalog.operations.OperationFact.Fact;
import io.inferplan.common.csv.CsvTable;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;

/**
 * The operational facts of the serving frameworks shipped with the jar (read-only, like the energy reference data),
 * read once from {@code catalog/framework-operations.csv}; a row that does not parse stops the start with file, line
 * and column.
 */
@Singleton
public class FrameworkOperations {

    private final List<OperationFact> facts;

    public FrameworkOperations() {
        this(CsvTable.readResource("catalog/framework-operations.csv", OperationFact::fromCsv));
    }

    FrameworkOperations(List<OperationFact> facts) {
        this.facts = List.copyOf(facts);
        for (OperationFact f : this.facts) {
            long same = this.facts.stream().filter(g -> g.framework().equals(f.framework()) && g.fact().equals(f.fact())
                    && java.util.Objects.equals(g.qualifier(), f.qualifier())).count();
            if (same > 1) {
                throw new IllegalStateException("catalog/framework-operations.csv: " + f.framework() + " " + f.fact()
                        + (f.qualifier() == null ? "" : " [" + f.qualifier() + "]") + " appears " + same + " times");
            }
        }
    }

    public List<OperationFact> all() {
        return facts;
    }

    public List<OperationFact> of(String framework) {
        return facts.stream().filter(f -> f.framework().equals(framework)).toList();
    }

    /** The fact about the framework as a whole. */
    public Optional<OperationFact> fact(String framework, Fact fact) {
        return qualified(framework, fact, null);
    }

    /** The fact for one qualifier exactly (null = the framework as a whole). */
    public Optional<OperationFact> qualified(String framework, Fact fact, String qualifier) {
        return facts.stream().filter(f -> f.framework().equals(framework) && f.is(fact)
                && java.util.Objects.equals(f.qualifier(), qualifier)).findFirst();
    }

    /**
     * Offline steps to bring a new model version to this format: the row for the format itself, else the row for
     * every GGUF quant when the format is one, else the framework's row without a qualifier.
     */
    public Optional<OperationFact> modelChangeSteps(String framework, String weightFormat, boolean gguf) {
        return qualified(framework, Fact.MODEL_CHANGE_STEPS, weightFormat)
                .or(() -> gguf ? qualified(framework, Fact.MODEL_CHANGE_STEPS, "gguf") : Optional.empty())
                .or(() -> qualified(framework, Fact.MODEL_CHANGE_STEPS, null));
    }

    /** The measured cold start of the framework (any qualifier: what was measured is in the fact). */
    public Optional<OperationFact> coldStart(String framework) {
        return facts.stream().filter(f -> f.framework().equals(framework) && f.is(Fact.COLD_START_SECONDS)).findFirst();
    }
}
