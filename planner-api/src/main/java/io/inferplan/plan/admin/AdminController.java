package io.inferplan.plan.admin;

import io.inferplan.common.catalog.AdminGuard;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.LocalDate;
import java.time.ZoneOffset;

/** {@code /api/v1/admin}: backup and restore of saved plans, custom catalog entries and calibration profiles. */
@Controller("/api/v1/admin")
@Tag(name = "Admin")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AdminController {

    private final BackupService backups;
    private final AdminGuard admin;

    public AdminController(BackupService backups, AdminGuard admin) {
        this.backups = backups;
        this.admin = admin;
    }

    @Operation(summary = "Export this instance's data as one versioned JSON document (admin token)")
    @Get("/export")
    public HttpResponse<BackupDocument> export(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        admin.require(authorization);
        return HttpResponse.ok(backups.export()).header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"inferplan-backup-" + LocalDate.now(ZoneOffset.UTC) + ".json\"");
    }

    @Operation(summary = "Restore an exported document in one transaction (admin token); dryRun=true only reports",
            description = "Items already present unchanged are skipped; an id taken by something different is a conflict, "
                    + "and any conflict is a 409 with nothing stored.")
    @Post("/import")
    public ImportReport restore(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                @QueryValue(defaultValue = "false") boolean dryRun, @Body BackupDocument document) {
        admin.require(authorization);
        return backups.restore(document, dryRun);
    }
}
