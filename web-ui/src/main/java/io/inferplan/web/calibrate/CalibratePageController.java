package io.inferplan.web.calibrate;

import io.inferplan.web.common.CsrfTokens;
import io.inferplan.web.common.Routes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The upload page: GET shows the form; the multipart POST (CSRF-checked, admin token in the form) creates the
 * profile through the same service as {@code POST /api/v1/calibration/profiles} and shows its report, or the
 * refusal beside its fields with the refusal's status.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class CalibratePageController {

    private final CalibratePages pages;

    public CalibratePageController(CalibratePages pages) {
        this.pages = pages;
    }

    @Get(uri = Routes.CALIBRATE, produces = MediaType.TEXT_HTML)
    public ModelAndView<CalibratePages.Page> form(HttpRequest<?> request) {
        return new ModelAndView<>("calibrate", pages.empty(CsrfTokens.of(request)));
    }

    @Post(uri = Routes.CALIBRATE, consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> upload(HttpRequest<?> request, @Nullable @Part(CsrfTokens.FIELD) String csrf,
                                  @Nullable @Part("name") String name, @Nullable @Part("format") String format,
                                  @Nullable @Part("model") String model, @Nullable @Part("weightFormat") String weightFormat,
                                  @Nullable @Part("accelerator") String accelerator,
                                  @Nullable @Part("acceleratorCount") String acceleratorCount,
                                  @Nullable @Part("framework") String framework,
                                  @Nullable @Part("inputTokens") String inputTokens,
                                  @Nullable @Part("outputTokens") String outputTokens,
                                  @Nullable @Part("adminToken") String adminToken,
                                  @Nullable @Part("file") CompletedFileUpload file) {
        Map<String, String> fields = new HashMap<>();
        put(fields, "name", name);
        put(fields, "format", format);
        put(fields, "model", model);
        put(fields, "weightFormat", weightFormat);
        put(fields, "accelerator", accelerator);
        put(fields, "acceleratorCount", acceleratorCount);
        put(fields, "framework", framework);
        put(fields, "inputTokens", inputTokens);
        put(fields, "outputTokens", outputTokens);
        put(fields, "adminToken", adminToken);
        String token = CsrfTokens.of(request);
        CalibratePages.Shown shown = CsrfTokens.matches(request, csrf) ? pages.upload(fields, bytes(file), token)
                : pages.forbidden(fields, token);
        return HttpResponse.status(HttpStatus.valueOf(shown.status())).body(new ModelAndView<>("calibrate", shown.page()));
    }

    private static void put(Map<String, String> fields, String key, @Nullable String value) {
        if (value != null) {
            fields.put(key, value);
        }
    }

    private static byte[] bytes(@Nullable CompletedFileUpload file) {
        if (file == null) {
            return null;
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
