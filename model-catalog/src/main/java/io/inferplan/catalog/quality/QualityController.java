package io.inferplan.catalog.quality;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

import java.util.List;

/** {@code /api/v1/quality-deltas}: published quality of quantized formats against 16-bit, with sources (read-only). */
@Controller("/api/v1/quality-deltas")
public class QualityController {

    private final QualityCatalog catalog;

    public QualityController(QualityCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every row, optionally of one format id and/or one kind (weight, kv). */
    @Get
    public List<QualityDelta> list(@Nullable @QueryValue String format, @Nullable @QueryValue String kind) {
        return catalog.all().stream().filter(d -> format == null || d.format().equals(format))
                .filter(d -> kind == null || d.kind().equals(kind)).toList();
    }
}
