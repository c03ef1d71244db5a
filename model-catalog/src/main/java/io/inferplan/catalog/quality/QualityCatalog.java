package io.inferplan.catalog.quality;

import io.inferplan.common.csv.CsvTable;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The published quality deltas of quantized weight and KV formats shipped with the jar (read-only reference data),
 * read once from {@code catalog/quality-deltas.csv}; a row that does not parse stops the start with file, line and
 * column.
 */
@Singleton
public class QualityCatalog {

    private final List<QualityDelta> deltas;

    public QualityCatalog() {
        this(CsvTable.readResource("catalog/quality-deltas.csv", QualityDelta::fromCsv));
    }

    QualityCatalog(List<QualityDelta> deltas) {
        Set<String> ids = new HashSet<>();
        for (QualityDelta d : deltas) {
            if (!ids.add(d.id())) {
                throw new IllegalStateException("catalog/quality-deltas.csv: id '" + d.id() + "' appears twice");
            }
        }
        this.deltas = List.copyOf(deltas);
    }

    public List<QualityDelta> all() {
        return deltas;
    }

    /** The published rows of one format of one kind (weight or kv). */
    public List<QualityDelta> of(String kind, String format) {
        return deltas.stream().filter(d -> d.kind().equals(kind) && d.format().equals(format)).toList();
    }
}
