package io.inferplan.plan.saved;

import io.inferplan.common.catalog.AdminGuard;
import io.inferplan.common.catalog.CatalogVersion;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.Problem;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.csv.Flattener;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Saved plans: validated by evaluating them before every write (a plan that cannot be evaluated is refused and
 * nothing is stored), each write one transaction, updates compare-and-set on the revision (a stale one is a 409,
 * never a silent overwrite), reads re-evaluate against the current catalog and say what changed.
 */
@Singleton
public class SavedPlanService {

    public static final int MAX_NAME = 200;
    public static final int MAX_NOTES = 4000;
    /** The sizes of the request_json and summary_json columns (V3__saved_plans.sql). */
    public static final int MAX_REQUEST_JSON = 100_000;
    public static final int MAX_SUMMARY_JSON = 20_000;

    private final SavedPlanRepository repository;
    private final PlanService plans;
    private final TransactionOperations<Connection> tx;
    private final SavedPlanJson columns;
    private final AdminGuard admin;
    private final CatalogVersion catalogVersion;

    public SavedPlanService(SavedPlanRepository repository, PlanService plans, TransactionOperations<Connection> tx,
                            SavedPlanJson columns, AdminGuard admin, CatalogVersion catalogVersion) {
        this.repository = repository;
        this.plans = plans;
        this.tx = tx;
        this.columns = columns;
        this.admin = admin;
        this.catalogVersion = catalogVersion;
    }

    public SavedPlanResponse create(SavedPlanInput input) {
        Evaluated e = validate(input);
        Instant now = now();
        SavedPlanRow saved = tx.executeWrite(status -> repository.save(new SavedPlanRow(null, input.name().strip(),
                blankToNull(input.notes()), e.requestJson(), columns.write(e.summary()), e.response().catalogVersion(), 1, now, now)));
        return view(saved, e.response());
    }

    public List<SavedPlanResponse.Item> list() {
        return repository.listOrderById().stream().map(r -> new SavedPlanResponse.Item(r.id(), r.name(), r.notes(),
                r.revision(), r.createdAt(), r.updatedAt(), r.catalogVersion(), columns.read(r.summaryJson(), PlanSummary.class))).toList();
    }

    public SavedPlanResponse get(long id) {
        return view(find(id), null);
    }

    /** {@code expectedRevision}: from the body or {@code If-Match}; required. */
    public SavedPlanResponse update(long id, SavedPlanInput input, @Nullable String ifMatch) {
        long expected = expectedRevision(input.revision(), ifMatch);
        find(id); // 404 before validating the body
        Evaluated e = validate(input);
        SavedPlanRow updated = tx.executeWrite(status -> {
            long n = repository.updateIfRevision(id, expected, input.name().strip(), blankToNull(input.notes()),
                    e.requestJson(), columns.write(e.summary()), e.response().catalogVersion(), now());
            if (n == 0) {
                SavedPlanRow current = find(id);
                throw ProblemException.conflict("saved plan " + id + " is at revision " + current.revision()
                        + ", the change was based on revision " + expected + "; GET it, merge and PUT again");
            }
            return find(id);
        });
        return view(updated, e.response());
    }

    public void delete(long id, @Nullable String authorization) {
        admin.require(authorization);
        tx.executeWrite(status -> {
            find(id);
            repository.deleteById(id);
            return null;
        });
    }

    private SavedPlanRow find(long id) {
        return repository.findById(id).orElseThrow(() -> new ProblemException(HttpStatus.NOT_FOUND, "Not found",
                "no saved plan with id " + id, List.of(new FieldError("id", "unknown saved plan id " + id))));
    }

    /** The saved plan and a fresh evaluation ({@code fresh} when one was just computed for the write). */
    private SavedPlanResponse view(SavedPlanRow row, @Nullable PlanResponse fresh) {
        PlanRequest request = columns.read(row.requestJson(), PlanRequest.class);
        PlanSummary summary = columns.read(row.summaryJson(), PlanSummary.class);
        PlanResponse current = fresh;
        Problem error = null;
        if (current == null) {
            try {
                current = plans.evaluate(request);
            } catch (ProblemException e) {
                error = e.toProblem();
            }
        }
        String nowVersion = current != null ? current.catalogVersion() : catalogVersion.current();
        List<SavedPlanResponse.Change> changes = current == null ? List.of() : changes(summary, PlanSummary.from(current));
        return new SavedPlanResponse(row.id(), row.name(), row.notes(), row.revision(), row.createdAt(), row.updatedAt(),
                row.catalogVersion(), request, summary, current, error, nowVersion,
                !nowVersion.equals(row.catalogVersion()), changes);
    }

    static List<SavedPlanResponse.Change> changes(PlanSummary before, PlanSummary after) {
        Map<String, String> b = Flattener.flatten(PlanSummary.class, before);
        Map<String, String> a = Flattener.flatten(PlanSummary.class, after);
        List<SavedPlanResponse.Change> out = new ArrayList<>();
        b.forEach((field, value) -> {
            if (!value.equals(a.get(field))) {
                out.add(new SavedPlanResponse.Change(field, value, a.get(field)));
            }
        });
        return out;
    }

    private record Evaluated(PlanResponse response, PlanSummary summary, String requestJson) {
    }

    private Evaluated validate(SavedPlanInput input) {
        if (input == null) {
            throw ProblemException.badRequest("body", "is required: {name, notes, request}");
        }
        FieldChecks c = new FieldChecks()
                .text("name", input.name(), MAX_NAME, true)
                .text("notes", input.notes(), MAX_NOTES, false)
                .required("request", input.request());
        c.throwIfAny();
        PlanResponse response;
        try {
            response = plans.evaluate(input.request());
        } catch (ProblemException e) {
            throw new ProblemException(e.status(), e.title(), "request: " + e.getMessage(), e.errors().stream()
                    .map(f -> new FieldError("request." + f.field(), f.message())).toList());
        }
        String requestJson = columns.write(input.request());
        if (requestJson.length() > MAX_REQUEST_JSON) {
            throw ProblemException.badRequest("request", "must be at most " + MAX_REQUEST_JSON + " characters of JSON");
        }
        return new Evaluated(response, PlanSummary.from(response), requestJson);
    }

    static long expectedRevision(@Nullable Long body, @Nullable String ifMatch) {
        Long header = null;
        if (ifMatch != null && !ifMatch.isBlank()) {
            String tag = ifMatch.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            tag = tag.replace("\"", "");
            try {
                header = Long.valueOf(tag);
            } catch (NumberFormatException e) {
                throw ProblemException.badRequest("If-Match", "must be the ETag of the plan (\"<revision>\"), not " + ifMatch);
            }
        }
        if (header != null && body != null && !header.equals(body)) {
            throw ProblemException.badRequest("revision", "is " + body + " but If-Match says " + header + "; send one");
        }
        Long expected = header != null ? header : body;
        if (expected == null) {
            throw new ProblemException(HttpStatus.PRECONDITION_REQUIRED, "Revision required",
                    "send the revision you changed (body field 'revision' or If-Match: \"<revision>\"), so a change "
                            + "made meanwhile is not overwritten", List.of(new FieldError("revision", "is required")));
        }
        return expected;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

}
