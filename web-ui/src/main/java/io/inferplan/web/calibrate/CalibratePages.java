package io.inferplan.web.calibrate;

import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.engine.calibration.imports.ImportFormat;
import io.inferplan.engine.calibration.imports.SetupFields;
import io.inferplan.plan.calibration.CalibrationReport;
import io.inferplan.plan.calibration.CalibrationUploads;
import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.web.common.FieldMessages;
import io.inferplan.web.common.Nav;
import io.inferplan.web.common.Option;
import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The "bring your own benchmark" page: the upload form (format, profile name, what the file lacks, the admin
 * token, the file) and, after an upload, the service's report: errors on the uploaded rows before and after, the
 * quantities that moved, the rows not used and the bands. The work is {@link CalibrationUploads}'s, the same as
 * the REST route's.
 */
@Singleton
public class CalibratePages {

    static final Set<String> INPUTS = Set.of("name", "format", "model", "weightFormat", "accelerator", "acceleratorCount",
            "framework", "inputTokens", "outputTokens", "adminToken", "file", "body");

    private final CalibrationUploads uploads;
    private final PlanCatalog catalog;

    public CalibratePages(CalibrationUploads uploads, PlanCatalog catalog) {
        this.uploads = uploads;
        this.catalog = catalog;
    }

    /** The form's text as submitted (the token is never echoed back). */
    public record Values(String name, String format, String model, String weightFormat, String accelerator,
                         String acceleratorCount, String framework, String inputTokens, String outputTokens) {

        static Values of(Map<String, String> f) {
            Function<String, String> v = k -> f.getOrDefault(k, "").trim();
            return new Values(v.apply("name"), v.apply("format"), v.apply("model"), v.apply("weightFormat"),
                    v.apply("accelerator"), v.apply("acceleratorCount"), v.apply("framework"), v.apply("inputTokens"),
                    v.apply("outputTokens"));
        }

        static Values empty() {
            return of(Map.of("format", ImportFormat.VLLM_BENCH_SERVE.id()));
        }
    }

    /** The form as the view shows it: values, choices, each refusal beside its input. */
    public record Form(Values values, List<Option> formats, List<Option> models, List<Option> weightFormats,
                       List<Option> accelerators, List<Option> frameworks, List<FieldError> errors, String summary) {

        public String errorFor(String input) {
            return FieldMessages.forInput(errors, input.equals("file") ? "body" : input);
        }

        public boolean hasError(String input) {
            return errorFor(input) != null;
        }

        public List<FieldError> otherErrors() {
            return FieldMessages.others(errors, INPUTS);
        }
    }

    /**
     * @param report the upload's answer, or null before an upload and after a refusal
     * @param limits what an upload may be (bytes, rows, fit time), shown beside the file input
     */
    @Introspected
    public record Page(Nav nav, String title, Form form, String csrf, CalibrationReport report, String limits) {
    }

    /** A page and the HTTP status to send it with (the refusal's 4xx). */
    public record Shown(int status, Page page) {
    }

    public Page empty(String csrf) {
        return page(Values.empty(), List.of(), null, csrf, null);
    }

    /** Runs the upload; a refusal comes back as the form with its messages, nothing stored. */
    public Shown upload(Map<String, String> fields, byte[] file, String csrf) {
        Values v = Values.of(fields);
        FieldChecks numbers = new FieldChecks();
        Integer count = whole(numbers, "acceleratorCount", v.acceleratorCount());
        Integer in = whole(numbers, "inputTokens", v.inputTokens());
        Integer out = whole(numbers, "outputTokens", v.outputTokens());
        if (!numbers.errors().isEmpty()) {
            return new Shown(400, page(v, numbers.errors(), "some fields are not whole numbers", csrf, null));
        }
        String token = fields.getOrDefault("adminToken", "").trim();
        try {
            CalibrationReport r = uploads.create(token.isEmpty() ? null : "Bearer " + token, List.of(),
                    new CalibrationUploads.Upload(v.name(), blank(v.format()), new SetupFields(blank(v.model()),
                            blank(v.weightFormat()), blank(v.accelerator()), count, blank(v.framework()), in, out)),
                    file);
            return new Shown(201, page(v, List.of(), null, csrf, r));
        } catch (ProblemException e) {
            List<FieldError> errors = e.errors().isEmpty() && e.status().getCode() < 404
                    ? List.of(new FieldError("adminToken", e.getMessage())) : e.errors();
            return new Shown(e.status().getCode(), page(v, errors, e.getMessage(), csrf, null));
        }
    }

    public Shown forbidden(Map<String, String> fields, String csrf) {
        return new Shown(403, page(Values.of(fields), List.of(), "the form's security token is missing or does not match "
                + "this browser's cookie (the page may be too old, or the form was sent from another site); reload the "
                + "page and upload again", csrf, null));
    }

    private Page page(Values v, List<FieldError> errors, String summary, String csrf, CalibrationReport report) {
        CatalogSnapshot cat = catalog.current();
        List<Option> formats = new ArrayList<>();
        for (ImportFormat f : ImportFormat.values()) {
            formats.add(new Option(f.id(), f.id() + " — " + f.description()));
        }
        var l = uploads.limits();
        String limits = String.format("At most %,d bytes and %,d measurement rows; the fit stops after %d s with its "
                + "best point so far.", l.maxBodyBytes(), l.maxRows(), l.fitDeadline().toSeconds());
        Form form = new Form(v, formats, options(cat.models().keySet()), options(cat.weightFormats().keySet()),
                options(cat.accelerators().keySet()), options(cat.frameworks().keySet()), List.copyOf(errors), summary);
        return new Page(Nav.at("calibrate"), "Bring your own benchmark", form, csrf, report, limits);
    }

    /** Catalog ids with a first, empty choice: "take it from the file". */
    private static List<Option> options(Set<String> ids) {
        List<Option> out = new ArrayList<>();
        out.add(new Option("", "— from the file —"));
        ids.stream().sorted().forEach(id -> out.add(new Option(id, id)));
        return out;
    }

    private static Integer whole(FieldChecks checks, String field, String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            checks.fail(field, "must be a whole number");
            return null;
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
