package io.inferplan.plan.admin;

import io.inferplan.common.catalog.CustomEntries;
import io.inferplan.common.http.UnknownProperties;
import io.inferplan.common.problem.FieldChecks;
import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.admin.BackupDocument.CalibrationProfile;
import io.inferplan.plan.admin.BackupDocument.SavedPlan;
import io.inferplan.plan.saved.SavedPlanJson;
import io.inferplan.plan.saved.SavedPlanService;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a whole backup document before anything is stored, naming each bad field by its place in the document
 * ({@code savedPlans[2].name}, {@code customEntries.models[0].layers}), and reads the custom entries into their
 * section's entry type (unknown properties refused as on the catalog API).
 */
final class BackupValidation {

    /** One custom entry of the document, read into its section's type. */
    record Entry(String item, String id, CustomEntries<?, ?> section, Object entry) {
    }

    record Checked(List<SavedPlan> savedPlans, List<Entry> entries, List<CalibrationProfile> profiles) {
    }

    private static final int MAX_PROFILE_CSV = 1_000_000;
    private static final int MAX_ROWS_SKIPPED = 100_000;

    private final JsonMapper json;
    /** The saved-plan columns' own encoding, so the lengths checked are the lengths stored. */
    private final SavedPlanJson columns;
    private final Map<String, CustomEntries<?, ?>> sections;

    BackupValidation(JsonMapper json, SavedPlanJson columns, Map<String, CustomEntries<?, ?>> sections) {
        this.json = json;
        this.columns = columns;
        this.sections = sections;
    }

    Checked check(BackupDocument doc) {
        if (doc == null) {
            throw ProblemException.badRequest("body", "is required: a document written by GET /api/v1/admin/export");
        }
        List<FieldError> errors = new ArrayList<>(new FieldChecks()
                .check(BackupDocument.FORMAT.equals(doc.format()), "format",
                        "must be '" + BackupDocument.FORMAT + "' (a document written by GET /api/v1/admin/export)")
                .check(doc.formatVersion() != null && doc.formatVersion() >= 1 && doc.formatVersion() <= BackupDocument.VERSION,
                        "formatVersion", "must be 1 to " + BackupDocument.VERSION + " (the versions this release reads)")
                .errors());
        List<SavedPlan> plans = doc.savedPlans() == null ? List.of() : doc.savedPlans();
        Set<Long> planIds = new HashSet<>();
        for (int i = 0; i < plans.size(); i++) {
            SavedPlan p = plans.get(i);
            if (p == null) {
                errors.add(new FieldError("savedPlans[" + i + "]", "must be a saved plan"));
                continue;
            }
            FieldChecks c = new FieldChecks("savedPlans[" + i + "]");
            c.check(p.id() != null && p.id() >= 1, "id", "is required: a whole number ≥ 1")
                    .check(p.id() == null || planIds.add(p.id()), "id", "appears twice in the document")
                    .text("name", p.name(), SavedPlanService.MAX_NAME, true)
                    .text("notes", p.notes(), SavedPlanService.MAX_NOTES, false)
                    .check(p.revision() != null && p.revision() >= 1, "revision", "is required: a whole number ≥ 1")
                    .required("createdAt", p.createdAt()).required("updatedAt", p.updatedAt())
                    .text("catalogVersion", p.catalogVersion(), 64, true)
                    .required("request", p.request()).required("summary", p.summary());
            // the columns' sizes (V3__saved_plans.sql): a longer text would fail the INSERT with a 500
            if (p.request() != null) {
                c.check(columns.write(p.request()).length() <= SavedPlanService.MAX_REQUEST_JSON, "request",
                        "must be at most " + SavedPlanService.MAX_REQUEST_JSON + " characters of JSON");
            }
            if (p.summary() != null) {
                c.check(columns.write(p.summary()).length() <= SavedPlanService.MAX_SUMMARY_JSON, "summary",
                        "must be at most " + SavedPlanService.MAX_SUMMARY_JSON + " characters of JSON");
            }
            errors.addAll(c.errors());
        }
        List<Entry> entries = new ArrayList<>();
        if (doc.customEntries() != null) {
            doc.customEntries().forEach((name, nodes) -> entries.addAll(readSection(name, nodes, errors)));
        }
        List<CalibrationProfile> profiles = doc.calibrationProfiles() == null ? List.of() : doc.calibrationProfiles();
        Set<String> profileNames = new HashSet<>();
        for (int i = 0; i < profiles.size(); i++) {
            CalibrationProfile p = profiles.get(i);
            if (p == null) {
                errors.add(new FieldError("calibrationProfiles[" + i + "]", "must be a calibration profile"));
                continue;
            }
            FieldChecks c = new FieldChecks("calibrationProfiles[" + i + "]");
            c.id("name", p.name()).check(p.name() == null || profileNames.add(p.name()), "name", "appears twice in the document")
                    .text("profileCsv", p.profileCsv(), MAX_PROFILE_CSV, true)
                    .check(p.rowsUsed() != null && p.rowsUsed() >= 0, "rowsUsed", "is required: a whole number ≥ 0")
                    .text("rowsSkipped", p.rowsSkipped(), MAX_ROWS_SKIPPED, false)
                    .required("createdAt", p.createdAt());
            errors.addAll(c.errors());
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest(errors);
        }
        // entries in dependency order (GPU prices after the accelerators they name)
        List<String> order = new ArrayList<>(sections.keySet());
        entries.sort(java.util.Comparator.comparingInt(e -> order.indexOf(e.section().name())));
        return new Checked(plans, entries, profiles);
    }

    private List<Entry> readSection(String name, List<JsonNode> nodes, List<FieldError> errors) {
        CustomEntries<?, ?> section = sections.get(name);
        if (section == null) {
            errors.add(new FieldError("customEntries." + name, "unknown section; valid: " + String.join(", ", sections.keySet())));
            return List.of();
        }
        List<Entry> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; nodes != null && i < nodes.size(); i++) {
            String item = "customEntries." + name + "[" + i + "]";
            JsonNode node = nodes.get(i);
            List<FieldError> unknown = node == null ? List.of() : UnknownProperties.find(node, Argument.of(section.entryType()), item);
            if (!unknown.isEmpty()) {
                errors.addAll(unknown);
                continue;
            }
            try {
                Object entry = json.readValueFromTree(node, section.entryType());
                String id = idOf(section, entry);
                if (!ids.add(id)) {
                    errors.add(new FieldError(item + ".id", "'" + id + "' appears twice in " + name));
                }
                out.add(new Entry(item, id, section, entry));
            } catch (IOException | RuntimeException e) {
                errors.add(new FieldError(item, "is not a valid " + name + " entry: " + e.getMessage()));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <E> String idOf(CustomEntries<?, E> section, Object entry) {
        List<FieldError> problems = section.problems((E) entry).stream().filter(f -> f.field().equals("id")).toList();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("id " + problems.get(0).message());
        }
        return section.toRow((E) entry).id();
    }
}
