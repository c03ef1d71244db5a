package io.inferplan.catalog.energy;

import io.inferplan.common.csv.CsvRow;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;
import java.util.List;

/** The rows of the energy reference data, one record per file, each with its source and date. */
public final class EnergyFacts {

    private EnergyFacts() {
    }

    /** A published idle-draw measurement of one accelerator (row of {@code accelerator-idle-power.csv}). */
    @Serdeable
    public record IdlePower(String accelerator, double idleWatts, String measuredAs, int runs, String sourceUrl,
                            @Nullable LocalDate asOf, @Nullable String notes) {

        static IdlePower fromCsv(CsvRow r) {
            return new IdlePower(r.required("accelerator"), positive(r, "idle_watts"), r.required("measured_as"),
                    r.integer("runs"), r.required("source_url"), r.date("as_of"), r.text("notes"));
        }
    }

    /**
     * Non-accelerator power of one server class (row of {@code host-power.csv}).
     *
     * @param hostWatts      CPUs, memory, fans, NICs, switches and supply losses, watts per node
     * @param systemMaxWatts the node's rated maximum input, watts
     * @param basis          how hostWatts was derived from the source
     */
    @Serdeable
    public record HostPower(String id, String name, List<String> accelerators, int acceleratorsPerNode, double hostWatts,
                            @Nullable Double systemMaxWatts, String basis, String sourceUrl, @Nullable LocalDate asOf,
                            @Nullable String notes) {

        static HostPower fromCsv(CsvRow r) {
            return new HostPower(r.required("id"), r.required("name"), r.list("accelerators"),
                    r.integer("accelerators_per_node"), positive(r, "host_watts"), r.decimal("system_max_watts"),
                    r.required("basis"), r.required("source_url"), r.date("as_of"), r.text("notes"));
        }
    }

    /** A published PUE figure (row of {@code pue.csv}); {@code isDefault} marks the one plans use unless given one. */
    @Serdeable
    public record Pue(String id, double pue, boolean isDefault, String scope, String sourceUrl, @Nullable LocalDate asOf,
                      @Nullable String notes) {

        static Pue fromCsv(CsvRow r) {
            double pue = positive(r, "pue");
            if (pue < 1) {
                throw r.error("pue", "must be at least 1 (facility ÷ IT power)");
            }
            return new Pue(r.required("id"), pue, Boolean.TRUE.equals(r.bool("default")), r.required("scope"),
                    r.required("source_url"), r.date("as_of"), r.text("notes"));
        }
    }

    /**
     * Grid carbon intensity of one country, regional aggregate or cloud region (row of {@code grid-intensity.csv}).
     *
     * @param kind country, region-average or cloud-region
     * @param year the year the intensity describes
     */
    @Serdeable
    public record GridIntensity(String id, String name, String kind, double gCo2ePerKWh, int year, String sourceUrl,
                                @Nullable LocalDate asOf, @Nullable String notes) {

        static GridIntensity fromCsv(CsvRow r) {
            return new GridIntensity(r.required("id"), r.required("name"), r.required("kind"),
                    nonNegative(r, "g_co2e_per_kwh"), r.integer("year"), r.required("source_url"), r.date("as_of"),
                    r.text("notes"));
        }
    }

    private static double positive(CsvRow r, String column) {
        double v = nonNegative(r, column);
        if (v <= 0) {
            throw r.error(column, "must be > 0");
        }
        return v;
    }

    private static double nonNegative(CsvRow r, String column) {
        Double v = r.decimal(column);
        if (v == null || v < 0 || !Double.isFinite(v)) {
            throw r.error(column, "is required and must be a number >= 0");
        }
        return v;
    }
}
