package io.inferplan.web.saved;

import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.plan.saved.PlanSummary;
import io.inferplan.plan.saved.SavedPlanInput;
import io.inferplan.plan.saved.SavedPlanResponse;
import io.inferplan.plan.saved.SavedPlanService;
import io.inferplan.web.common.Nav;
import io.inferplan.web.common.Routes;
import io.inferplan.web.plan.PlanForm;
import io.micronaut.core.annotation.Introspected;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The saved-plan pages' records: the list, one plan's permalink page, and a refused save. Storage is {@link SavedPlanService}'s. */
@Singleton
public class SavedPlanPages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final SavedPlanService saved;
    private final PlanCatalog catalog;

    public SavedPlanPages(SavedPlanService saved, PlanCatalog catalog) {
        this.saved = saved;
        this.catalog = catalog;
    }

    /** One row of the list. {@code catalogChanged}: the catalog has changed since the plan was saved. */
    public record Row(long id, String name, String href, String createdAt, String updatedAt, String catalogVersion,
                      boolean catalogChanged, PlanSummary summary) {
    }

    @Introspected
    public record ListPage(Nav nav, String title, List<Row> plans, String currentCatalogVersion) {
    }

    /**
     * A saved plan's permalink page.
     *
     * @param planHref the full result page of the saved inputs
     */
    @Introspected
    public record PlanPage(Nav nav, String title, SavedPlanResponse plan, String createdAt, String updatedAt,
                           String planHref, String deleteCommand) {
    }

    /** Why a save was refused: nothing was stored. */
    @Introspected
    public record RefusedPage(Nav nav, String title, String summary, List<FieldError> errors, String backHref) {
    }

    /** A save: the new plan's id, or the refusal to show. */
    public sealed interface Saved permits Stored, Refused {
    }

    public record Stored(long id) implements Saved {
    }

    public record Refused(int status, RefusedPage page) implements Saved {
    }

    public ListPage list() {
        String now = catalog.current().version();
        List<Row> rows = saved.list().stream().map(i -> new Row(i.id(), i.name(), Routes.saved(i.id()), TIME.format(i.createdAt()),
                TIME.format(i.updatedAt()), i.catalogVersion(), !now.equals(i.catalogVersion()), i.summary())).toList();
        return new ListPage(Nav.at("saved"), "Saved plans", rows, now);
    }

    /** The saved plan's page, or empty for an id that is not a saved plan (also for text that is not a number). */
    public Optional<PlanPage> one(String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        SavedPlanResponse p;
        try {
            p = saved.get(id);
        } catch (ProblemException e) {
            if (e.status().getCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        return Optional.of(new PlanPage(Nav.at("saved"), "Saved plan: " + p.name(), p, format(p.createdAt()),
                format(p.updatedAt()), Routes.withQuery(Routes.PLAN, PlanForm.of(p.request()).params()),
                "curl -X DELETE " + "/api/v1/plans/" + p.id() + " -H \"Authorization: Bearer $INFERPLAN_ADMIN_TOKEN\""));
    }

    /**
     * Saves the plan whose fields the form carries ({@code name}, {@code notes} and the plan form's fields). A plan
     * that cannot be evaluated, a missing name or too long a text is refused by the service and nothing is stored.
     */
    public Saved save(Map<String, String> fields) {
        String name = fields.getOrDefault("name", "");
        String notes = fields.getOrDefault("notes", "");
        Map<String, String> planFields = new java.util.HashMap<>(fields);
        planFields.remove("notes");
        PlanForm form = PlanForm.fromMap(planFields);
        String back = Routes.withQuery(Routes.PLAN, form.params());
        PlanForm.Parsed parsed = form.parse();
        if (!parsed.ok()) {
            return new Refused(400, refused("the plan's fields are not valid", parsed.errors(), back));
        }
        try {
            return new Stored(saved.create(new SavedPlanInput(name, notes, parsed.request(), null)).id());
        } catch (ProblemException e) {
            return new Refused(e.status().getCode(), refused(e.getMessage(), e.errors(), back));
        }
    }

    public RefusedPage forbidden() {
        return refused("the form's security token is missing or does not match this browser's cookie (the page may be "
                + "too old, or the form was sent from another site); reload the plan and save again", List.of(), Routes.SAVED);
    }

    private static RefusedPage refused(String summary, List<FieldError> errors, String back) {
        return new RefusedPage(Nav.at("saved"), "Plan not saved", summary, errors, back);
    }

    private static String format(Instant t) {
        return TIME.format(t);
    }
}
