package io.inferplan.web.plan;

import io.inferplan.plan.advisor.AdviseResponse;
import io.inferplan.plan.advisor.AdviseResponse.Advice;
import io.inferplan.plan.advisor.AdviseResponse.Criterion;

import java.util.List;
import java.util.Optional;

/**
 * Why the framework advisor ranked this plan's framework where it did, for a plan opened from the advisor: the four
 * questions as answered, the framework's row of the score table and its reasons. The result page, the PDF and the
 * XLSX carry it.
 *
 * @param ofRanked    how many frameworks could run and were ranked
 * @param columns     the table's criteria in order, with their weights
 * @param cells       this framework's criteria in the same order
 * @param advisorHref the advisor page for the same inputs
 */
public record AdvisorReasoning(AdviseResponse answer, Advice row, int ofRanked, List<Column> columns, List<Criterion> cells,
                               String advisorHref) {

    /** A criterion of the table and its weight. */
    public record Column(String id, String label, double weight) {
    }

    /** Gives the reasoning for a plan link's advisor form and framework (implemented by the advisor page). */
    public interface Source {
        Optional<AdvisorReasoning> reasoning(String adviceQuery, String framework);
    }
}
