package io.inferplan.plan.calibration;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.util.Arrays;
import java.util.List;

/**
 * {@code /api/v1/calibration/profiles}: post your own measurements (the columns of measurements.csv) and get a
 * named profile refitted on them; name it in an evaluate request as {@code calibrationProfile}.
 */
@Controller("/api/v1/calibration/profiles")
public class CalibrationController {

    private final SpeedProfiles profiles;

    public CalibrationController(SpeedProfiles profiles) {
        this.profiles = profiles;
    }

    /** @param rowsSkipped posted rows that could not be modelled, each with its reason */
    @Serdeable
    public record ProfileSummary(String name, int rowsUsed, List<String> rowsSkipped, String createdAt) {
        static ProfileSummary of(CalibrationProfileRow r) {
            return new ProfileSummary(r.name(), r.rowsUsed(), r.rowsSkipped() == null || r.rowsSkipped().isBlank() ? List.of()
                    : Arrays.asList(r.rowsSkipped().split("\n")), r.createdAt().toString());
        }
    }

    @Post
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    public HttpResponse<ProfileSummary> create(@QueryValue String name, @Body String csv) {
        CalibrationProfileRow row = profiles.create(name, csv);
        return HttpResponse.created(ProfileSummary.of(row), URI.create("/api/v1/calibration/profiles/" + row.name()));
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
