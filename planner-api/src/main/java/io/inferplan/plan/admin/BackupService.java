package io.inferplan.plan.admin;

import io.inferplan.common.catalog.CatalogRow;
import io.inferplan.common.catalog.CatalogVersion;
import io.inferplan.common.catalog.CustomEntries;
import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.admin.BackupDocument.CalibrationProfile;
import io.inferplan.plan.admin.BackupDocument.SavedPlan;
import io.inferplan.plan.admin.ImportReport.Conflict;
import io.inferplan.plan.calibration.CalibrationProfileRepository;
import io.inferplan.plan.calibration.CalibrationProfileRow;
import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.saved.PlanSummary;
import io.inferplan.plan.saved.SavedPlanJson;
import io.inferplan.plan.saved.SavedPlanRepository;
import io.inferplan.plan.saved.SavedPlanRow;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Export and import of an instance's own data ({@link BackupDocument}). An import runs in one transaction: it is
 * checked whole first (a bad field is a 400 naming its place in the document), an item whose id is taken by
 * something different is a conflict and a conflict stops the import (409, nothing stored); items already there
 * unchanged are skipped, so importing the same document twice changes nothing. A dry run does the same work and
 * rolls it back.
 */
@Singleton
public class BackupService {

    /** Sections in dependency order: GPU prices name accelerators. */
    static final List<String> SECTION_ORDER = List.of("models", "weight-formats", "kv-cache-formats", "accelerators",
            "api-prices", "gpu-prices");

    private final SavedPlanRepository plans;
    private final CalibrationProfileRepository profiles;
    private final Map<String, CustomEntries<?, ?>> sections = new LinkedHashMap<>();
    private final TransactionOperations<Connection> tx;
    private final JdbcOperations jdbc;
    private final JsonMapper json;
    private final SavedPlanJson columns;
    private final CatalogVersion catalogVersion;
    private final BackupValidation validation;

    public BackupService(SavedPlanRepository plans, CalibrationProfileRepository profiles, List<CustomEntries<?, ?>> sections,
                         TransactionOperations<Connection> tx, JdbcOperations jdbc, JsonMapper json,
                         SavedPlanJson columns, CatalogVersion catalogVersion) {
        this.plans = plans;
        this.profiles = profiles;
        sections.stream().sorted(Comparator.comparing((CustomEntries<?, ?> s) -> SECTION_ORDER.contains(s.name())
                        ? SECTION_ORDER.indexOf(s.name()) : SECTION_ORDER.size()).thenComparing(CustomEntries::name))
                .forEach(s -> this.sections.put(s.name(), s));
        this.tx = tx;
        this.jdbc = jdbc;
        this.json = json;
        this.columns = columns;
        this.catalogVersion = catalogVersion;
        this.validation = new BackupValidation(json, columns, this.sections);
    }

    public BackupDocument export() {
        return tx.executeRead(status -> {
            List<SavedPlan> saved = plans.listOrderById().stream().map(r -> new SavedPlan(r.id(), r.name(), r.notes(),
                    r.revision(), r.createdAt(), r.updatedAt(), r.catalogVersion(), columns.read(r.requestJson(), PlanRequest.class),
                    columns.read(r.summaryJson(), PlanSummary.class))).toList();
            Map<String, List<JsonNode>> custom = new LinkedHashMap<>();
            sections.forEach((name, section) -> custom.put(name, section.list().stream().map(this::tree).toList()));
            List<CalibrationProfile> fitted = profiles.findAll().stream().sorted(Comparator.comparing(CalibrationProfileRow::name))
                    .map(p -> new CalibrationProfile(p.name(), p.profileCsv(), p.rowsUsed(), p.rowsSkipped(), p.createdAt()))
                    .toList();
            return new BackupDocument(BackupDocument.FORMAT, BackupDocument.VERSION, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                    applicationVersion(), catalogVersion.current(), saved, custom, fitted);
        });
    }

    public ImportReport restore(BackupDocument document, boolean dryRun) {
        BackupValidation.Checked doc = validation.check(document);
        return tx.executeWrite(status -> {
            List<Conflict> conflicts = new ArrayList<>();
            int[] created = new int[3];
            int[] unchanged = new int[3];
            List<SavedPlan> newPlans = new ArrayList<>();
            for (int i = 0; i < doc.savedPlans().size(); i++) {
                SavedPlan p = doc.savedPlans().get(i);
                var existing = plans.findById(p.id());
                if (existing.isEmpty()) {
                    newPlans.add(p);
                } else if (samePlan(existing.get(), p)) {
                    unchanged[0]++;
                } else {
                    conflicts.add(new Conflict("savedPlans[" + i + "]", String.valueOf(p.id()), "a different saved plan with "
                            + "this id exists ('" + existing.get().name() + "', revision " + existing.get().revision() + ")"));
                }
            }
            List<BackupValidation.Entry> newEntries = new ArrayList<>();
            for (BackupValidation.Entry e : doc.entries()) {
                switch (outcome(e)) {
                    case CREATE -> newEntries.add(e);
                    case UNCHANGED -> unchanged[1]++;
                    case CONFLICT -> conflicts.add(new Conflict(e.item(), e.id(), reason(e)));
                }
            }
            List<CalibrationProfile> newProfiles = new ArrayList<>();
            for (int i = 0; i < doc.profiles().size(); i++) {
                CalibrationProfile p = doc.profiles().get(i);
                var existing = profiles.findById(p.name());
                if (existing.isEmpty()) {
                    newProfiles.add(p);
                } else if (existing.get().profileCsv().equals(p.profileCsv()) && existing.get().rowsUsed() == p.rowsUsed()) {
                    unchanged[2]++;
                } else {
                    conflicts.add(new Conflict("calibrationProfiles[" + i + "]", p.name(),
                            "a different calibration profile with this name exists"));
                }
            }
            if (!conflicts.isEmpty() && !dryRun) {
                throw new ProblemException(HttpStatus.CONFLICT, "Import conflicts", conflicts.size() + " item(s) clash with "
                        + "this instance's data; nothing was imported", conflicts.stream()
                        .map(c -> new FieldError(c.item(), "id " + c.id() + ": " + c.reason())).toList());
            }
            if (!dryRun && !newPlans.isEmpty()) {
                moveIdSequencePast(newPlans.stream().mapToLong(SavedPlan::id).max().orElse(0));
            }
            for (BackupValidation.Entry e : newEntries) {
                create(e);
                created[1]++;
            }
            for (SavedPlan p : newPlans) {
                plans.insertWithId(p.id(), p.name().strip(), p.notes(), columns.write(p.request()), columns.write(p.summary()),
                        p.catalogVersion(), p.revision(), p.createdAt(), p.updatedAt());
                created[0]++;
            }
            for (CalibrationProfile p : newProfiles) {
                profiles.save(new CalibrationProfileRow(p.name(), p.profileCsv(), p.rowsUsed(), p.rowsSkipped(), p.createdAt()));
                created[2]++;
            }
            if (dryRun) {
                status.setRollbackOnly();
            }
            return new ImportReport(dryRun, !dryRun, new ImportReport.Counts(created[0], created[1], created[2]),
                    new ImportReport.Counts(unchanged[0], unchanged[1], unchanged[2]), conflicts);
        });
    }

    /**
     * Restored plans keep their ids; new plans must be numbered after them. Done before any insert: H2 commits on DDL.
     * On PostgreSQL the ALTER locks the table until commit, so a replica's concurrent save waits and then numbers past.
     */
    private void moveIdSequencePast(long highestImported) {
        long next = Math.max(plans.maxId(), highestImported) + 1;
        jdbc.prepareStatement("ALTER TABLE saved_plan ALTER COLUMN id RESTART WITH " + next, ps -> ps.executeUpdate());
        long after = plans.maxId();
        if (after >= next) { // a plan was saved meanwhile
            jdbc.prepareStatement("ALTER TABLE saved_plan ALTER COLUMN id RESTART WITH " + (after + 1), ps -> ps.executeUpdate());
        }
    }

    private boolean samePlan(SavedPlanRow row, SavedPlan p) {
        return row.name().equals(p.name().strip()) && Objects.equals(row.notes(), p.notes()) && row.revision() == p.revision()
                && columns.read(row.requestJson(), PlanRequest.class).equals(p.request())
                && columns.read(row.summaryJson(), PlanSummary.class).equals(p.summary())
                && row.catalogVersion().equals(p.catalogVersion());
    }

    @SuppressWarnings("unchecked")
    private static <R extends CatalogRow, E> CustomEntries.Outcome outcome(BackupValidation.Entry e) {
        CustomEntries<R, E> s = (CustomEntries<R, E>) e.section();
        return s.outcome((E) e.entry());
    }

    @SuppressWarnings("unchecked")
    private static <R extends CatalogRow, E> String reason(BackupValidation.Entry e) {
        CustomEntries<R, E> s = (CustomEntries<R, E>) e.section();
        return s.conflictReason((E) e.entry());
    }

    /** Stored as the API would store it: validated (a 400 rolls everything back), with its change record. */
    @SuppressWarnings("unchecked")
    private static <R extends CatalogRow, E> void create(BackupValidation.Entry e) {
        CustomEntries<R, E> s = (CustomEntries<R, E>) e.section();
        try {
            s.create((E) e.entry());
        } catch (ProblemException p) {
            throw new ProblemException(p.status(), p.title(), e.item() + ": " + p.getMessage(), p.errors().stream()
                    .map(f -> new FieldError(e.item() + "." + f.field(), f.message())).toList());
        }
    }

    /** The release, from the Maven metadata packed into the jar; "development build" when run from classes. */
    private static String applicationVersion() {
        try (var in = BackupService.class.getResourceAsStream("/META-INF/maven/io.inferplan/planner-api/pom.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                return p.getProperty("version", "development build");
            }
        } catch (IOException e) {
            // fall through: the version is informational
        }
        return "development build";
    }

    private JsonNode tree(Object entry) {
        try {
            return json.writeValueToTree(entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
