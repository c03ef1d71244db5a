package io.inferplan.catalog.coldstart;

import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.Set;

/** The rows of the cold-start reference data, each with its source and date. */
public final class ColdStartFacts {

    public static final String STORAGE = "storage";
    public static final String NETWORK = "network";

    private ColdStartFacts() {
    }

    /**
     * One leg of the path a replica's weights take at a cold start (row of {@code weight-load-bandwidth.csv}).
     *
     * @param kind      storage (node storage → accelerator memory) or network (model store → node)
     * @param readGBps  10^9 bytes per second
     * @param isDefault the leg of its kind a day plan uses when it names none
     * @param basis     the source's own figure and unit
     */
    @Serdeable
    public record LoadBandwidth(String id, String name, String kind, double readGBps, boolean isDefault, String basis,
                                String sourceUrl, @Nullable LocalDate asOf, @Nullable String notes) {

        static LoadBandwidth fromCsv(CsvRow r) {
            String kind = r.required("kind");
            if (!Set.of(STORAGE, NETWORK).contains(kind)) {
                throw r.error("kind", "must be storage or network");
            }
            Double gbps = r.decimal("read_gbps");
            if (gbps == null || !(gbps > 0) || !Double.isFinite(gbps)) {
                throw r.error("read_gbps", "is required and must be > 0");
            }
            return new LoadBandwidth(r.required("id"), r.required("name"), kind, gbps, Boolean.TRUE.equals(r.bool("default")),
                    r.required("basis"), r.required("source_url"), r.date("as_of"), r.text("notes"));
        }
    }

    /**
     * An autoscaler's documented scale-down delay (row of {@code autoscaler-defaults.csv}).
     *
     * @param scaleDownDelaySeconds how long surplus replicas keep running after demand drops
     */
    @Serdeable
    public record ScaleDownDefault(String id, String name, double scaleDownDelaySeconds, boolean isDefault, String basis,
                                   String sourceUrl, @Nullable LocalDate asOf, @Nullable String notes) {

        static ScaleDownDefault fromCsv(CsvRow r) {
            Double seconds = r.decimal("scale_down_delay_seconds");
            if (seconds == null || !(seconds >= 0) || !Double.isFinite(seconds)) {
                throw r.error("scale_down_delay_seconds", "is required and must be >= 0");
            }
            return new ScaleDownDefault(r.required("id"), r.required("name"), seconds, Boolean.TRUE.equals(r.bool("default")),
                    r.required("basis"), r.required("source_url"), r.date("as_of"), r.text("notes"));
        }
    }
}
