package io.inferplan.plan.calibration;

import io.inferplan.common.catalog.AdminGuard;
import io.inferplan.common.catalog.NearestIds;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.calibration.CalibrationProfiles;
import io.inferplan.engine.calibration.CatalogLookup;
import io.inferplan.engine.calibration.imports.ImportException;
import io.inferplan.engine.calibration.imports.ImportFormat;
import io.inferplan.engine.calibration.imports.ImportedRows;
import io.inferplan.engine.calibration.imports.ParsedFile;
import io.inferplan.engine.calibration.imports.SetupFields;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Creating a calibration profile from a user's benchmark file: admin token, size and row limits, the file read by
 * its format's parser, what the file lacks taken from the setup fields, a refit shrunk toward the shipped fit with
 * a deadline, the profile stored, and the report of what moved. Every refusal names its field; nothing is stored
 * unless the whole upload succeeds.
 */
@Singleton
public class CalibrationUploads {

    /** The upload's query parameters: anything else is a misspelling, refused like the GET forms refuse it. */
    public static final List<String> PARAMETERS = List.of("name", "format", "model", "weightFormat", "accelerator",
            "acceleratorCount", "framework", "inputTokens", "outputTokens");

    private final SpeedProfiles profiles;
    private final PlanCatalog catalog;
    private final AdminGuard guard;
    private final CalibrationLimits limits;

    public CalibrationUploads(SpeedProfiles profiles, PlanCatalog catalog, AdminGuard guard, CalibrationLimits limits) {
        this.profiles = profiles;
        this.catalog = catalog;
        this.guard = guard;
        this.limits = limits;
    }

    /** The upload: profile name, format id (absent = measurements-csv, the route's original input) and setup. */
    public record Upload(String name, @Nullable String format, SetupFields setup) {
    }

    public CalibrationLimits limits() {
        return limits;
    }

    /**
     * @param authorization the request's {@code Authorization} header
     * @param parameterNames every query parameter name of the request (misspelt ones are refused)
     */
    public CalibrationReport create(@Nullable String authorization, List<String> parameterNames, Upload upload,
                                    @Nullable byte[] body) {
        guard.require(authorization);
        if (body != null && body.length > limits.maxBodyBytes()) {
            throw new ProblemException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Benchmark file too large",
                    "body: " + body.length + " bytes is over the " + limits.maxBodyBytes() + "-byte limit of a "
                            + "calibration upload (inferplan.calibration.max-body-bytes)",
                    List.of(new FieldError("body", "must be at most " + limits.maxBodyBytes() + " bytes")));
        }
        CatalogSnapshot cat = catalog.current();
        ImportFormat format = validate(parameterNames, upload, body, cat);
        ParsedFile file;
        try {
            file = format.parse(body);
        } catch (ImportException e) {
            throw new ProblemException(HttpStatus.BAD_REQUEST, "Benchmark file does not parse",
                    "body is not a " + format.id() + " file (" + format.description() + "): " + e.getMessage(),
                    List.of(new FieldError("body", e.getMessage())));
        }
        ImportedRows.Result rows;
        try {
            rows = ImportedRows.build(file, upload.setup(), new CatalogModelNames(hfRepos(cat)), upload.name(), format);
        } catch (ImportedRows.MissingFields e) {
            throw ProblemException.badRequest(e.problems().stream()
                    .map(p -> new FieldError(p.field(), p.message())).toList());
        }
        if (rows.rows().isEmpty()) {
            String why = file.unused().stream().map(u -> u.where() + ": " + u.reason()).toList().toString();
            throw ProblemException.unprocessable("No measurement in the file", "body: the " + format.id()
                    + " file holds no run the engine can model: " + why, List.of(new FieldError("body", why)));
        }
        if (rows.rows().size() > limits.maxRows()) {
            throw new ProblemException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Too many measurement rows",
                    "body: the file gives " + rows.rows().size() + " measurement rows, over the limit of "
                            + limits.maxRows() + " (inferplan.calibration.max-rows)",
                    List.of(new FieldError("body", "must give at most " + limits.maxRows() + " measurement rows")));
        }
        CalibrationProfiles.Refit refit;
        try {
            refit = CalibrationProfiles.refit(upload.name(), rows.rows(), lookup(cat), profiles.bundled(),
                    limits.fitDeadline());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw ProblemException.unprocessable("Measurements cannot be fitted", e.getMessage(),
                    List.of(new FieldError("body", e.getMessage())));
        }
        CalibrationProfileRow row = profiles.store(upload.name(), refit);
        return CalibrationReport.of(row.name(), format.id(), row.createdAt().toString(), rows.rows().size(), file,
                refit, limits, rows.notes());
    }

    private ImportFormat validate(List<String> parameterNames, Upload u, @Nullable byte[] body, CatalogSnapshot cat) {
        FieldChecks checks = new FieldChecks();
        for (String p : parameterNames) {
            checks.check(PARAMETERS.contains(p), p, "is not a parameter of this route; valid names: "
                    + String.join(", ", PARAMETERS));
        }
        checks.id("name", u.name()).check(!SpeedProfiles.SHIPPED.equals(u.name()), "name",
                "'shipped' is the bundled profile's name");
        Optional<ImportFormat> format = ImportFormat.of(u.format() == null ? ImportFormat.MEASUREMENTS_CSV.id()
                : u.format());
        checks.check(format.isPresent(), "format", "must be one of " + String.join(", ", ImportFormat.ids()));
        checks.check(body != null && body.length > 0, "body", "must be the benchmark tool's result file");
        SetupFields s = u.setup();
        known(checks, "model", s.model(), cat.models());
        known(checks, "weightFormat", s.weightFormat(), cat.weightFormats());
        known(checks, "accelerator", s.accelerator(), cat.accelerators());
        known(checks, "framework", s.framework(), cat.frameworks());
        checks.range("acceleratorCount", s.acceleratorCount(), 1, 4096, "accelerators", false)
                .range("inputTokens", s.inputTokens(), 1, 10_000_000, "tokens", false)
                .range("outputTokens", s.outputTokens(), 1, 10_000_000, "tokens", false)
                .throwIfAny();
        if (profiles.exists(u.name())) {
            throw ProblemException.conflict("calibration profile '" + u.name() + "' exists already; choose another name");
        }
        return format.orElseThrow();
    }

    private static void known(FieldChecks checks, String field, @Nullable String id, Map<String, ?> valid) {
        if (id != null && !valid.containsKey(id)) {
            checks.fail(field, "unknown id '" + id + "'; nearest valid ids: "
                    + String.join(", ", NearestIds.of(id, new ArrayList<>(valid.keySet()))));
        }
    }

    private static Map<String, String> hfRepos(CatalogSnapshot cat) {
        Map<String, String> out = new LinkedHashMap<>();
        cat.models().forEach((id, e) -> out.put(id, e.row().hfRepo()));
        return out;
    }

    static CatalogLookup lookup(CatalogSnapshot cat) {
        return new CatalogLookup(
                id -> Optional.ofNullable(cat.models().get(id)).flatMap(CatalogSnapshot.Entry::spec),
                id -> Optional.ofNullable(cat.accelerators().get(id)).flatMap(CatalogSnapshot.Entry::spec),
                id -> Optional.ofNullable(cat.weightFormats().get(id)).flatMap(CatalogSnapshot.Entry::spec),
                id -> Optional.ofNullable(cat.kvCacheFormats().get(id)).flatMap(CatalogSnapshot.Entry::spec),
                id -> Optional.ofNullable(cat.frameworks().get(id)).flatMap(CatalogSnapshot.Entry::spec));
    }
}
