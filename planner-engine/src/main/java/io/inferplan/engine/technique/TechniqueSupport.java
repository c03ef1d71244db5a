package io.inferplan.engine.technique;

import java.util.List;
import java.util.Optional;

/**
 * Which serving techniques each framework runs ({@code technique-support.csv}, every row read from the framework's
 * documentation or code). Unsupported: the plan is refused with the row's reason and source. Unknown: answered with a
 * warning that support was not verified.
 */
public final class TechniqueSupport {
    static final String FILE = "technique-support.csv";
    private static final TechniqueSupport SHIPPED = new TechniqueSupport(TechniqueCsv.read(FILE, "framework",
            "technique", "method", "status", "source_url", "as_of", "note").stream().map(TechniqueSupport::cell).toList());

    /** One framework × technique (× speculative method) cell. */
    public record Cell(String framework, String technique, String method, String status, String note, String sourceUrl) {
    }

    private final List<Cell> cells;

    private TechniqueSupport(List<Cell> cells) {
        this.cells = cells;
    }

    public static TechniqueSupport shipped() {
        return SHIPPED;
    }

    /** Every cell, in file order. */
    public List<Cell> cells() {
        return cells;
    }

    /** The cell, if the table has one for this framework (serving layers such as Dynamo are not listed). */
    public Optional<Cell> cell(String framework, String technique, String method) {
        String m = method == null ? "" : method;
        return cells.stream().filter(c -> c.framework().equals(framework) && c.technique().equals(technique)
                && c.method().equals(m)).findFirst();
    }

    /** Why the framework cannot run the technique, with its source; empty when it can or nobody knows. */
    public Optional<String> refusal(String framework, String technique, String method) {
        return cell(framework, technique, method).filter(c -> c.status().equals("unsupported"))
                .map(c -> framework + " does not support " + label(technique, method) + ": " + c.note() + " (source: "
                        + c.sourceUrl() + ")");
    }

    /** A warning when support is not verified either way; empty when the table says supported or unsupported. */
    public Optional<String> caveat(String framework, String technique, String method) {
        Optional<Cell> c = cell(framework, technique, method);
        if (c.isEmpty()) {
            return Optional.of("support of " + label(technique, method) + " by " + framework + " is not in the technique "
                    + "table: planned as if supported");
        }
        return c.filter(x -> x.status().equals("unknown")).map(x -> "support of " + label(technique, method) + " by "
                + framework + " is not verified (" + x.note() + "; " + x.sourceUrl() + "): planned as if supported");
    }

    static String label(String technique, String method) {
        switch (technique) {
            case "speculative":
                return "speculative decoding with method " + method;
            case "lora":
                return "many LoRA adapters in one batch";
            default:
                return "prefill/decode disaggregation";
        }
    }

    private static Cell cell(TechniqueCsv.Row r) {
        String status = r.required("status");
        if (!List.of("supported", "unsupported", "unknown").contains(status)) {
            throw r.fail("status", "must be supported, unsupported or unknown");
        }
        return new Cell(r.required("framework"), r.required("technique"), r.text("method"), status, r.text("note"),
                r.required("source_url"));
    }
}
