package io.inferplan.web.plan;

import io.inferplan.plan.catalog.PlanCatalog;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Result pages once worked out, by plan inputs and catalog version. A result page evaluates the plan, the same plan
 * under every framework, a concurrency sweep and a rate sweep (a few hundred milliseconds of one core); its answer
 * depends on nothing but the form and the catalog (the simulator is seeded), so a reload, a shared permalink or a
 * back button costs a map look-up. The catalog version is read on every call, so a catalog change on any replica
 * makes the old pages unreachable at once. The page is kept without the browser's CSRF token, which the controller
 * adds per request; its "generated at" time is when it was worked out. Beside the page its rendered HTML is kept
 * once asked for ({@link #html}), split around the token, so that a page asked again costs a look-up and one copy.
 */
@Singleton
public class ResultPageCache {

    /** Pages kept at most (least recently used out): a page's model and its HTML are some tens of KB each. */
    static final int MAX_PAGES = 64;

    private final PlanCatalog catalog;
    private final LinkedHashMap<Key, Kept> pages = new LinkedHashMap<>(64, 0.75f, true);

    public ResultPageCache(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    private record Key(PlanForm form, String catalogVersion) {
    }

    /** A page and, once rendered, its HTML (set once; a race renders the same bytes twice, which is harmless). */
    private static final class Kept {
        final ResultPage page;
        volatile TokenSlot html;

        Kept(ResultPage page) {
            this.page = page;
        }
    }

    /** The page of {@code form}, worked out by {@code work} unless already at this catalog version. */
    public ResultPage get(PlanForm form, Supplier<ResultPage> work) {
        return kept(form, work).page;
    }

    /**
     * The HTML of the page of {@code form} with a slot for the CSRF token: rendered by {@code render} the first time
     * it is asked for at this catalog version (the page itself worked out by {@code work} unless kept), then kept
     * beside the page and dropped with it.
     */
    public TokenSlot html(PlanForm form, Supplier<ResultPage> work, Function<ResultPage, TokenSlot> render) {
        Kept k = kept(form, work);
        TokenSlot html = k.html;
        if (html == null) {
            html = render.apply(k.page);
            k.html = html;
        }
        return html;
    }

    private Kept kept(PlanForm form, Supplier<ResultPage> work) {
        Key key = new Key(form, catalog.current().version());
        synchronized (this) {
            Kept k = pages.get(key);
            if (k != null) {
                return k;
            }
        }
        Kept page = new Kept(work.get()); // outside the lock: two first requests may both work it out, which is harmless
        synchronized (this) {
            pages.put(key, page);
            var oldest = pages.entrySet().iterator();
            while (pages.size() > MAX_PAGES && oldest.hasNext()) {
                oldest.next();
                oldest.remove();
            }
        }
        return page;
    }
}
