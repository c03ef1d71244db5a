package io.inferplan.plan.calibration;

import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.calibration.CalibrationProfiles;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import io.micronaut.data.exceptions.DataAccessException;
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

    private final CalibrationProfileRepository repository;
    private final EfficiencyProfile shipped = EfficiencyProfileCsv.shipped();
    private final Map<String, EfficiencyProfile> parsed = new ConcurrentHashMap<>();

    public SpeedProfiles(CalibrationProfileRepository repository) {
        this.repository = repository;
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

    public boolean exists(String name) {
        return SHIPPED.equals(name) || repository.existsById(name);
    }

    /**
     * The profile an evaluation of this framework × hardware pair uses: the named profile when it covers the pair
     * (its rows were of that pair; profiles made before uploads were scoped cover every pair they were fitted on),
     * else the shipped fit. A profile refitted on a user's rows says nothing about other pairs.
     *
     * @throws ProblemException 400 for an unknown profile name
     */
    public EfficiencyProfile forPair(String name, String framework, Architecture hardware) {
        EfficiencyProfile p = named(name).orElseThrow(() -> ProblemException.badRequest("calibrationProfile",
                "unknown calibration profile '" + name + "'"));
        return p.calibrated(framework, hardware) ? p : shipped;
    }

    /** The warning an answer carries when the named profile does not cover its pair (the shipped fit answered). */
    public Optional<String> notCovered(String name, String framework, Architecture hardware) {
        return named(name).filter(p -> p != shipped && !p.calibrated(framework, hardware))
                .map(p -> "calibration profile '" + name + "' has no rows of " + framework + " × "
                        + EfficiencyProfile.hardwareKey(hardware) + ": this answer uses the shipped fit");
    }

    /** Stores a refit profile under its name; a name taken meanwhile (another replica) is a 409. */
    public CalibrationProfileRow store(String name, CalibrationProfiles.Refit refit) {
        StringWriter out = new StringWriter();
        try {
            EfficiencyProfileCsv.write(refit.profile(), out, List.of("refitted on " + refit.rowsUsed()
                    + " posted rows, shrunk toward the shipped fit of " + shipped.fittedOn()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String skipped = String.join("\n", refit.rowsSkipped());
        CalibrationProfileRow row = new CalibrationProfileRow(name, out.toString(), refit.rowsUsed(),
                skipped.length() > 99_000 ? skipped.substring(0, 99_000) : skipped, Instant.now());
        try {
            return repository.save(row);
        } catch (DataAccessException e) {
            throw ProblemException.conflict("calibration profile '" + name + "' exists already; choose another name");
        }
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
