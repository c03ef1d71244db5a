package io.inferplan.web.saved;

import io.inferplan.web.common.CsrfTokens;
import io.inferplan.web.common.Nav;
import io.inferplan.web.common.Routes;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Saved plans in the browser: the save form's POST (CSRF-checked, then POST-redirect-GET to the plan's permalink),
 * the list and one plan's page. Deleting stays API-only ({@code DELETE /api/v1/plans/{id}} with the admin token).
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class SavedPlanPageController {

    private final SavedPlanPages pages;

    public SavedPlanPageController(SavedPlanPages pages) {
        this.pages = pages;
    }

    @Post(uri = Routes.SAVED, consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> save(HttpRequest<?> request, @Body Map<String, String> fields) {
        if (!CsrfTokens.matches(request, fields.get(CsrfTokens.FIELD))) {
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(new ModelAndView<>("save-refused", pages.forbidden()));
        }
        SavedPlanPages.Saved outcome = pages.save(fields);
        if (outcome instanceof SavedPlanPages.Refused refused) {
            return HttpResponse.status(HttpStatus.valueOf(refused.status()))
                    .body(new ModelAndView<>("save-refused", refused.page()));
        }
        return HttpResponse.seeOther(URI.create(Routes.saved(((SavedPlanPages.Stored) outcome).id())));
    }

    @Get(uri = Routes.SAVED, produces = MediaType.TEXT_HTML)
    public ModelAndView<SavedPlanPages.ListPage> list() {
        return new ModelAndView<>("saved-list", pages.list());
    }

    @Get(uri = Routes.SAVED_ONE, produces = MediaType.TEXT_HTML)
    public HttpResponse<?> one(@PathVariable String id) {
        return pages.one(id).<HttpResponse<?>>map(p -> HttpResponse.ok(new ModelAndView<>("saved", p)))
                .orElseGet(() -> HttpResponse.notFound(new ModelAndView<>("save-refused", new SavedPlanPages.RefusedPage(
                        Nav.at("saved"), "No such saved plan", "there is no saved plan with id " + id, List.of(),
                        Routes.SAVED))));
    }
}
