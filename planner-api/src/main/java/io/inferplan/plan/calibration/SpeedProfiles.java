package io.inferplan.plan.calibration;

import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.calibration.CalibrationProfiles;
import io.inferplan.engine.calibration.CatalogLookup;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The efficiency profiles an evaluation can use: the shipped fit (fitted on the bundled measurements), and named
 * profiles refitted on measurements a user posts, stored in the database so every replica and every restart
 * sees them.
 */
@Singleton
public class SpeedProfiles {

    public static final String SHIPPED = "shipped";
    static final int MAX_ROWS = 5000;

    private final CalibrationProfileRepository repository;
    private final PlanCatalog catalog;
    private final EfficiencyProfile shipped = EfficiencyProfileCsv.shipped();
    private final Map<String, EfficiencyProfile> parsed = new ConcurrentHashMap<>();

    public SpeedProfiles(CalibrationProfileRepository repository, PlanCatalog catalog) {
        this.repository = repository;
        this.catalog = catalog;
    }

    public EfficiencyProfile bundled() {
        return shipped;
    }

    /** The profile of that name: null or "shipped" is the shipped fit. */
    public Optional<EfficiencyProfile> named(String name) {
        if (name == null || name.equals(SHIPPED)) {
            return Optional.of(shipped);
        }
        EfficiencyProfile cached = parsed.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        return repository.findById(name).map(row -> {
            EfficiencyProfile p = read(row.profileCsv(), name);
            parsed.put(name, p);
            return p;
        });
    }

    public List<CalibrationProfileRow> all() {
        return repository.findAll().stream().toList();
    }

    /** Refits the shipped profile on posted measurement rows (measurements.csv columns) and stores it as {@code name}. */
    public CalibrationProfileRow create(String name, String csv) {
        new FieldChecks().id("name", name).check(!SHIPPED.equals(name), "name", "'shipped' is the bundled profile's name")
                .check(csv != null && !csv.isBlank(), "body", "must be CSV with the columns of measurements.csv")
                .throwIfAny();
        if (csv.lines().count() > MAX_ROWS + 50) {
            throw ProblemException.badRequest("body", "must have at most " + MAX_ROWS + " measurement rows");
        }
        if (repository.existsById(name)) {
            throw ProblemException.conflict("calibration profile '" + name + "' exists already; choose another name");
        }
        CatalogSnapshot cat = catalog.current();
        CatalogLookup lookup = cat.lookup();
        CalibrationProfiles.Refit refit;
        try {
            refit = CalibrationProfiles.refit(name, new StringReader(csv), lookup, shipped);
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ProblemException.unprocessable("Measurements cannot be fitted", e.getMessage(),
                    List.of(new FieldError("body", e.getMessage())));
        } catch (IOException e) {
            throw ProblemException.badRequest("body", "is not readable CSV: " + e.getMessage());
        }
        StringWriter out = new StringWriter();
        try {
            EfficiencyProfileCsv.write(refit.profile(), out, List.of("refitted on " + refit.rowsUsed() + " posted rows"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String skipped = String.join("\n", refit.rowsSkipped());
        CalibrationProfileRow row = new CalibrationProfileRow(name, out.toString(), refit.rowsUsed(),
                skipped.length() > 99_000 ? skipped.substring(0, 99_000) : skipped, Instant.now());
        return repository.save(row);
    }

    /** A profile as CSV, or a 404 naming the known profiles. */
    public String csv(String name) {
        EfficiencyProfile p = named(name).orElseThrow(() -> ProblemException.notFound("calibration profile", "name", name,
                java.util.stream.Stream.concat(java.util.stream.Stream.of(SHIPPED), all().stream().map(CalibrationProfileRow::name))
                        .toList()));
        StringWriter out = new StringWriter();
        try {
            EfficiencyProfileCsv.write(p, out, List.of("profile " + p.name()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static EfficiencyProfile read(String csv, String name) {
        try {
            return EfficiencyProfileCsv.read(new StringReader(csv), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
