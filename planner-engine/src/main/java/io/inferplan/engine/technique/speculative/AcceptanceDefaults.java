package io.inferplan.engine.technique.speculative;

import io.inferplan.engine.technique.TechniqueCsv;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Default per-token acceptance rates by method and model family, from published measurements
 * ({@code speculative-acceptance.csv}: each row a published acceptance rate, mean acceptance length or accepted share
 * at a stated k, with its source). A row for the model's family wins over the method's row for any family ({@code *}).
 */
public final class AcceptanceDefaults {
    static final String FILE = "speculative-acceptance.csv";
    private static final AcceptanceDefaults SHIPPED = load();

    private final List<Entry> entries;

    /**
     * One published figure turned into α.
     *
     * @param modelFamily the catalog family it was measured on, {@code *} for the method's general default
     * @param alpha       per-token acceptance rate (the published rate, or solved from the published length/share)
     * @param basis       what was published, e.g. "mean acceptance length 1.37 at k = 5 (Magpie chat, first turn)"
     * @param numSpeculativeTokens the k it was measured at (a plan's default k)
     */
    public record Entry(SpeculativeMethod method, String modelFamily, double alpha, String basis, String sourceUrl,
                        String asOf, int numSpeculativeTokens) {
    }

    private AcceptanceDefaults(List<Entry> entries) {
        this.entries = entries;
    }

    public static AcceptanceDefaults shipped() {
        return SHIPPED;
    }

    /** The default for a method on a model family: the family's own row, else the method's general row. */
    public Optional<Entry> lookup(SpeculativeMethod method, String modelFamily) {
        String family = modelFamily == null ? "" : modelFamily.trim().toLowerCase(Locale.ROOT);
        Optional<Entry> own = entries.stream().filter(e -> e.method() == method
                && e.modelFamily().toLowerCase(Locale.ROOT).equals(family)).findFirst();
        return own.isPresent() ? own : entries.stream().filter(e -> e.method() == method
                && e.modelFamily().equals("*")).findFirst();
    }

    public List<Entry> entries() {
        return entries;
    }

    private static AcceptanceDefaults load() {
        List<Entry> out = TechniqueCsv.read(FILE, "method", "model_family", "num_speculative_tokens",
                "acceptance_rate", "acceptance_length", "accepted_share", "workload", "source_url", "as_of").stream()
                .map(AcceptanceDefaults::entry).toList();
        return new AcceptanceDefaults(out);
    }

    private static Entry entry(TechniqueCsv.Row r) {
        SpeculativeMethod m = SpeculativeMethod.parse(r.required("method"))
                .orElseThrow(() -> r.fail("method", "unknown; allowed " + SpeculativeMethod.allowed()));
        int k = (int) r.number("num_speculative_tokens");
        double rate = r.number("acceptance_rate");
        double length = r.number("acceptance_length");
        double share = r.number("accepted_share");
        String workload = r.text("workload");
        double alpha;
        String basis;
        if (!Double.isNaN(rate)) {
            alpha = rate;
            basis = String.format(Locale.ROOT, "acceptance rate %.2f", rate);
        } else if (!Double.isNaN(length)) {
            alpha = Acceptance.alphaForLength(length, k);
            basis = String.format(Locale.ROOT, "mean acceptance length %.2f at k = %d", length, k);
        } else if (!Double.isNaN(share)) {
            alpha = Acceptance.alphaForLength(Acceptance.lengthFromAcceptedShare(share, k), k);
            basis = String.format(Locale.ROOT, "%.0f %% of drafted tokens accepted at k = %d", share * 100, k);
        } else {
            throw r.fail("acceptance_rate", "one of acceptance_rate, acceptance_length, accepted_share is required");
        }
        return new Entry(m, r.required("model_family"), alpha, basis + (workload.isEmpty() ? "" : " (" + workload + ")"),
                r.required("source_url"), r.required("as_of"), k);
    }
}
