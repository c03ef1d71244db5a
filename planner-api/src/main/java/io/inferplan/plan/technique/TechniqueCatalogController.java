package io.inferplan.plan.technique;

import io.inferplan.engine.technique.TechniqueSupport;
import io.inferplan.engine.technique.disagg.KvLinks;
import io.inferplan.engine.technique.speculative.AcceptanceDefaults;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * {@code /api/v1/techniques/…} (read-only): the sourced tables the serving techniques are planned with — the links a
 * KV cache can cross, which framework runs which technique, and the default acceptance rates.
 */
@Controller("/api/v1/techniques")
public class TechniqueCatalogController {

    /** A link between prefill and decode pools, per accelerator and direction. */
    @Serdeable
    public record Link(String id, String name, String kind, double gigabytesPerSecond,
                       @Nullable Double latencyMicroseconds, String sourceUrl, String asOf) {
    }

    /** One framework × technique (× speculative method) cell: supported, unsupported or unknown. */
    @Serdeable
    public record SupportCell(String framework, String technique, String method, String status, String note,
                              String sourceUrl) {
    }

    /** A default acceptance rate: the published figure it was solved from and the k it was measured at. */
    @Serdeable
    public record Acceptance(String method, String modelFamily, int numSpeculativeTokens, double acceptanceRate,
                             String basis, String sourceUrl, String asOf) {
    }

    @Get("/kv-links")
    public List<Link> kvLinks() {
        return KvLinks.shipped().all().stream().map(l -> new Link(l.id(), l.name(), l.kind(), l.bytesPerSecond() / 1e9,
                Double.isNaN(l.latencySeconds()) ? null : l.latencySeconds() * 1e6, l.sourceUrl(), l.asOf())).toList();
    }

    /** The support table, optionally for one framework and/or technique (speculative, lora, pd-disaggregation). */
    @Get("/support")
    public List<SupportCell> support(@Nullable @QueryValue String framework, @Nullable @QueryValue String technique) {
        return TechniqueSupport.shipped().cells().stream()
                .filter(c -> (framework == null || c.framework().equals(framework))
                        && (technique == null || c.technique().equals(technique)))
                .map(c -> new SupportCell(c.framework(), c.technique(), c.method(), c.status(), c.note(), c.sourceUrl()))
                .toList();
    }

    @Get("/acceptance")
    public List<Acceptance> acceptance() {
        return AcceptanceDefaults.shipped().entries().stream().map(e -> new Acceptance(e.method().id(), e.modelFamily(),
                e.numSpeculativeTokens(), e.alpha(), e.basis(), e.sourceUrl(), e.asOf())).toList();
    }
}
