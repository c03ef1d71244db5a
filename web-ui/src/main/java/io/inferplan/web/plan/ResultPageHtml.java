package io.inferplan.web.plan;

import io.micronaut.core.beans.BeanMap;
import jakarta.inject.Singleton;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

/**
 * The result page's HTML ({@code plan} template) with a slot for the browser's CSRF token. Rendered from the page
 * alone, without the request: the template reads nothing of the request, its numbers are formatted with fixed
 * separators (not by locale), and the token is the only thing in it that belongs to one browser.
 */
@Singleton
public class ResultPageHtml {

    static final String VIEW = "plan";

    /** Rendered in the token's place, then cut out: random, so no page content can equal it. */
    private final String placeholder;
    private final TemplateEngine templates;

    public ResultPageHtml(TemplateEngine templates) {
        this.templates = templates;
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        this.placeholder = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public TokenSlot render(ResultPage page) {
        Context ctx = new Context(Locale.ROOT);
        ctx.setVariables(BeanMap.of(page.withCsrfToken(placeholder)));
        return TokenSlot.around(templates.process(VIEW, ctx), placeholder);
    }
}
