package io.inferplan.plan.calibration;

import io.inferplan.engine.calibration.imports.SetupFields;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /api/v1/calibration/profiles}: upload a benchmark tool's result file as it comes (or measurements in the
 * corpus's CSV columns) and get a named profile refitted on it; name it in an evaluate request as
 * {@code calibrationProfile}. Creating a profile needs the admin token.
 */
@Controller("/api/v1/calibration/profiles")
public class CalibrationController {

    private final SpeedProfiles profiles;
    private final CalibrationUploads uploads;

    public CalibrationController(SpeedProfiles profiles, CalibrationUploads uploads) {
        this.profiles = profiles;
        this.uploads = uploads;
    }

    /** @param rowsSkipped posted rows that could not be modelled, each with its reason */
    @Serdeable
    public record ProfileSummary(String name, int rowsUsed, List<String> rowsSkipped, String createdAt) {
        static ProfileSummary of(CalibrationProfileRow r) {
            return new ProfileSummary(r.name(), r.rowsUsed(), r.rowsSkipped() == null || r.rowsSkipped().isBlank() ? List.of()
                    : Arrays.asList(r.rowsSkipped().split("\n")), r.createdAt().toString());
        }
    }

    /**
     * The file is the body, whatever its type (JSON, JSON lines, CSV, the console table); {@code format} says how to
     * read it (absent: the corpus CSV columns).
     */
    @Post
    @Consumes({MediaType.APPLICATION_JSON, "application/x-ndjson", "application/jsonl", "text/csv", MediaType.TEXT_PLAIN,
            MediaType.APPLICATION_OCTET_STREAM})
    public HttpResponse<CalibrationReport> create(HttpRequest<?> request,
                                                  @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
                                                  @Nullable @QueryValue String name, @Nullable @QueryValue String format,
                                                  @Nullable @QueryValue String model,
                                                  @Nullable @QueryValue String weightFormat,
                                                  @Nullable @QueryValue String accelerator,
                                                  @Nullable @QueryValue Integer acceleratorCount,
                                                  @Nullable @QueryValue String framework,
                                                  @Nullable @QueryValue Integer inputTokens,
                                                  @Nullable @QueryValue Integer outputTokens,
                                                  @Nullable @Body byte[] body) {
        CalibrationReport report = uploads.create(authorization, new ArrayList<>(request.getParameters().names()),
                new CalibrationUploads.Upload(name, format, new SetupFields(model, weightFormat, accelerator,
                        acceleratorCount, framework, inputTokens, outputTokens)), body);
        return HttpResponse.created(report, URI.create("/api/v1/calibration/profiles/" + report.name()));
    }

    @Get
    public List<ProfileSummary> list() {
        return profiles.all().stream().map(ProfileSummary::of).toList();
    }

    /** The profile's fitted parameters as CSV ("shipped" is the bundled fit). */
    @Get("/{name}")
    @Produces("text/csv")
    public String get(String name) {
        return profiles.csv(name);
    }
}
