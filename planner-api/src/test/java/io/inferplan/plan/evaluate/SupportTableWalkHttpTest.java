package io.inferplan.plan.evaluate;

import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.catalog.support.FormatSupportRow;
import io.inferplan.common.problem.Problem;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.FormatSupport;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.HostMemory;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.EngineSpecs;
import io.inferplan.plan.catalog.PlanCatalog;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Walks every cell of the support table through {@code POST /api/v1/plans/evaluate}: for each cell, an accelerator of
 * the catalog that this very cell decides (the most specific one covering it) is planned with the cell's framework and
 * format. A cell marked supported or weight_only answers 200 (weight_only says so in the warnings); an unsupported cell
 * answers 422 whose detail names the cell's reason and source. A cell is skipped only when every accelerator it covers
 * lacks a sourced datasheet figure (the skip list is printed and must stay small).
 */
@MicronautTest
class SupportTableWalkHttpTest {

    private static final int MAX_SKIPPED = 10;

    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    PlanCatalog catalog;

    @Test
    void everyCellAnswersAsItSays() {
        CatalogSnapshot cat = catalog.current();
        List<String> failures = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int ok = 0;
        int weightOnly = 0;
        int refused = 0;
        for (FormatSupportRow cell : cat.support()) {
            Optional<NumberFormatSpec> format = formatOf(cat, cell);
            FrameworkSpec fw = cat.frameworks().get(cell.framework()).spec().orElseThrow();
            if (format.isEmpty()) {
                skipped.add(cell.id() + ": the format has no sourced bits per value");
                continue;
            }
            Optional<Candidate> acc = acceleratorDecidedBy(cat, cell, format.get(), fw);
            if (acc.isEmpty()) {
                skipped.add(cell.id() + ": no catalog accelerator it covers has sourced memory and bandwidth");
                continue;
            }
            Map<String, Object> body = plan(cat, cell, acc.get());
            String where = cell.id() + " on " + acc.get().row().id();
            try {
                PlanResponse r = client.toBlocking().retrieve(HttpRequest.POST("/api/v1/plans/evaluate", body), PlanResponse.class);
                if (cell.status().equals("unsupported")) {
                    failures.add(where + ": answered 200 but the cell says unsupported");
                } else if (cell.status().equals("weight_only")
                        && r.warnings().stream().noneMatch(w -> w.contains("runs weight-only") && w.contains(cell.sourceUrl()))) {
                    failures.add(where + ": weight_only but no warning says so: " + r.warnings());
                } else {
                    ok++;
                    weightOnly += cell.status().equals("weight_only") ? 1 : 0;
                }
            } catch (HttpClientResponseException e) {
                Problem p = e.getResponse().getBody(Problem.class).orElse(null);
                String detail = p == null ? e.getMessage() : p.detail();
                if (!cell.status().equals("unsupported")) {
                    failures.add(where + ": " + e.getStatus() + " " + detail);
                } else if (e.getStatus() != HttpStatus.UNPROCESSABLE_ENTITY || !detail.contains(cell.note())
                        || !detail.contains(cell.sourceUrl())) {
                    failures.add(where + ": refusal without the cell's reason and source: " + e.getStatus() + " " + detail);
                } else {
                    refused++;
                }
            }
        }
        System.out.printf("support table walk: %d cells, %d answered 200 (%d weight-only), %d refused 422 with reason and "
                + "source, %d skipped: %s%n", cat.support().size(), ok, weightOnly, refused, skipped.size(), skipped);
        assertEquals(List.of(), failures.subList(0, Math.min(25, failures.size())), failures.size() + " cells misbehave");
        assertTrue(skipped.size() <= MAX_SKIPPED, "too many cells cannot be walked: " + skipped);
        assertEquals(cat.support().size(), ok + refused + skipped.size());
    }

    record Candidate(AcceleratorRow row, AcceleratorSpec spec, boolean host) {
    }

    private static Optional<NumberFormatSpec> formatOf(CatalogSnapshot cat, FormatSupportRow cell) {
        var entry = cell.formatKind().equals("weight") ? cat.weightFormats().get(cell.format())
                : cat.kvCacheFormats().get(cell.format());
        return entry == null ? Optional.empty() : entry.spec();
    }

    /** The catalog accelerator with the most memory whose deciding cell for this framework and format is {@code cell}. */
    private static Optional<Candidate> acceleratorDecidedBy(CatalogSnapshot cat, FormatSupportRow cell, NumberFormatSpec format,
                                                            FrameworkSpec fw) {
        List<Candidate> out = new ArrayList<>();
        for (CatalogSnapshot.Entry<AcceleratorRow, AcceleratorSpec> e : cat.accelerators().values()) {
            AcceleratorRow row = e.row();
            Optional<AcceleratorSpec> spec = row.hostMemory() ? withHostRam(row) : e.spec();
            if (spec.isEmpty() || !fw.hardwareVendors().contains(spec.get().architecture().vendor())) {
                continue;
            }
            Optional<FormatSupport> decided = FormatSupport.decide(format.support(), cell.framework(), spec.get());
            if (decided.isPresent() && decided.get().hardware().equals(cell.hardware())) {
                out.add(new Candidate(row, spec.get(), row.hostMemory()));
            }
        }
        return out.stream().max(Comparator.comparingDouble(c -> c.spec().memoryBytes()));
    }

    /** A host-memory CPU with 256 GB in all its channels at its rated speed, as the plans below give it. */
    private static Optional<AcceleratorSpec> withHostRam(AcceleratorRow row) {
        if (row.memoryChannels() == null || row.memoryTransferRateMTps() == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(EngineSpecs.accelerator(row,
                new HostMemory(256, row.memoryChannels(), row.memoryTransferRateMTps())).spec());
    }

    private static Map<String, Object> plan(CatalogSnapshot cat, FormatSupportRow cell, Candidate acc) {
        Map<String, Object> body = new HashMap<>();
        boolean weight = cell.formatKind().equals("weight");
        body.put("model", weight && cell.format().equals("mxfp4") ? "gpt-oss-20b" : "llama-3.1-8b");
        body.put("weightFormat", weight ? cell.format() : runningWeightFormat(cat, cell.framework(), acc.spec()));
        if (!weight) {
            body.put("kvCacheFormat", cell.format());
        }
        body.put("accelerator", acc.row().id());
        body.put("framework", cell.framework());
        body.put("workload", Map.of("mode", "fixed-concurrency", "inputTokens", 1024, "outputTokens", 128, "concurrency", 4));
        if (acc.host()) {
            body.put("host", Map.of("hostMemoryGB", 256));
        }
        return body;
    }

    /** bf16 when the framework runs it on this accelerator, else the first weight format it does run there. */
    private static String runningWeightFormat(CatalogSnapshot cat, String framework, AcceleratorSpec acc) {
        List<String> order = new ArrayList<>(List.of("bf16", "fp16", "gguf-q4_k_m"));
        cat.weightFormats().keySet().forEach(order::add);
        for (String id : order) {
            Optional<NumberFormatSpec> f = cat.weightFormats().get(id).spec();
            if (f.isPresent() && FormatSupport.decide(f.get().support(), framework, acc).map(c -> c.status().runs()).orElse(false)) {
                return id;
            }
        }
        return "bf16";
    }
}
