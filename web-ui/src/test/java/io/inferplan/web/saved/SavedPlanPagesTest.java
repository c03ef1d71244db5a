package io.inferplan.web.saved;

import io.inferplan.plan.saved.SavedPlanResponse;
import io.inferplan.plan.saved.SavedPlanService;
import io.inferplan.web.WebClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.inferplan.web.Fixtures.DEFAULT_QUERY;
import static io.inferplan.web.Fixtures.number;
import static io.inferplan.web.Fixtures.textById;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class SavedPlanPagesTest {

    @Inject
    EmbeddedServer server;

    @Inject
    SavedPlanService saved;

    WebClient web;

    @BeforeEach
    void browser() {
        web = new WebClient(server.getURL().toString());
    }

    Map<String, String> saveForm(String name, String notes) {
        return web.saveForm(DEFAULT_QUERY, name, notes);
    }

    @Test
    void theResultPageIssuesAnHttpOnlySameSiteStrictCookieAndCarriesItsTokenInTheForm() {
        HttpResponse<String> r = web.get("/plan?" + DEFAULT_QUERY);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.toLowerCase(java.util.Locale.ROOT).contains("httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertEquals(web.cookie().substring("inferplan_csrf=".length()), WebClient.csrfField(r.body()));
        assertTrue(r.body().contains("<form method=\"post\" action=\"/saved\""));
    }

    @Test
    void saveRedirectsToThePermalinkWhichShowsTheStoredPlan() {
        int before = saved.list().size();
        HttpResponse<String> post = web.postForm("/saved", saveForm("70B chat review", "for the capacity meeting"));
        assertEquals(303, post.statusCode(), post.body());
        String location = post.headers().firstValue("Location").orElseThrow();
        assertTrue(location.matches("/saved/[0-9]+"), location);
        assertEquals(before + 1, saved.list().size());

        long id = Long.parseLong(location.substring("/saved/".length()));
        SavedPlanResponse stored = saved.get(id);
        assertEquals("70B chat review", stored.name());
        assertEquals("llama-3.1-8b", stored.request().model());
        assertEquals(16, stored.request().workload().concurrency());

        HttpResponse<String> page = web.get(location);
        assertEquals(200, page.statusCode());
        assertEquals("70B chat review", textById(page.body(), "saved-name"));
        assertEquals(stored.catalogVersion(), textById(page.body(), "saved-catalog"));
        assertEquals(stored.summary().weightsGiB(), number(textById(page.body(), "saved-weightsGiB")), 0.005);
        assertEquals(stored.summary().usdPerMillionOutputTokens(),
                number(textById(page.body(), "saved-usdPerMillionOutputTokens")), 0.005);
        assertTrue(page.body().contains("id=\"saved-unchanged\""), "same catalog: nothing changed");

        String list = web.get("/saved").body();
        assertTrue(list.contains("href=\"" + location + "\""), "the list links the permalink");
        assertTrue(list.contains(stored.catalogVersion()));
    }

    @Test
    void aPostWithoutTheTokenIsForbiddenAndStoresNothing() {
        Map<String, String> fields = saveForm("no token", "");
        fields.remove("_csrf");
        int before = saved.list().size();
        assertEquals(403, web.postForm("/saved", fields).statusCode());
        assertEquals(before, saved.list().size());
    }

    @Test
    void aPostWithAWrongTokenIsForbiddenAndStoresNothing() {
        Map<String, String> fields = saveForm("wrong token", "");
        String token = fields.get("_csrf");
        fields.put("_csrf", (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1));
        int before = saved.list().size();
        assertEquals(403, web.postForm("/saved", fields).statusCode());
        assertEquals(before, saved.list().size());
    }

    @Test
    void aPostFromABrowserWithoutTheCookieIsForbiddenEvenWithAWellFormedToken() {
        Map<String, String> fields = saveForm("cross-site", "");
        web.dropCookie();
        int before = saved.list().size();
        assertEquals(403, web.postForm("/saved", fields).statusCode());
        assertEquals(before, saved.list().size());
    }

    @Test
    void aPlanThatCannotRunIsRefusedAndNothingIsStored() {
        Map<String, String> fields = saveForm("nvfp4 on hopper", "");
        fields.put("weightFormat", "nvfp4");
        int before = saved.list().size();
        HttpResponse<String> r = web.postForm("/saved", fields);
        assertEquals(422, r.statusCode());
        assertTrue(r.body().contains("Blackwell"), "says why");
        assertEquals(before, saved.list().size());
    }

    @Test
    void aBlankNameIsRefused() {
        int before = saved.list().size();
        HttpResponse<String> r = web.postForm("/saved", saveForm("  ", ""));
        assertEquals(400, r.statusCode());
        assertEquals(before, saved.list().size());
    }

    @Test
    void anUnknownOrNonNumericIdIsA404Page() {
        assertEquals(404, web.get("/saved/999999").statusCode());
        HttpResponse<String> r = web.get("/saved/%3Cscript%3E");
        assertEquals(404, r.statusCode());
        assertFalse(r.body().contains("<script>"));
    }

    @Test
    void theRestApiIsUntouched() {
        HttpResponse<String> r = web.get("/api/v1/plans");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("inferplan_csrf")),
                "no CSRF cookie on the API");
        HttpResponse<String> created = web.postJson("/api/v1/plans", "{\"name\": \"api\", \"request\": {\"model\": \"llama-3.1-8b\","
                + " \"weightFormat\": \"bf16\", \"accelerator\": \"h100-sxm\", \"framework\": \"vllm\", \"workload\": {\"mode\":"
                + " \"fixed-concurrency\", \"inputTokens\": 512, \"outputTokens\": 128, \"concurrency\": 4}}}");
        assertEquals(201, created.statusCode(), "JSON writes need no CSRF token: " + created.body());
    }
}
