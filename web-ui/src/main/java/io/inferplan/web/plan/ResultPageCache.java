package io.inferplan.web.plan;

import io.inferplan.plan.catalog.PlanCatalog;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.function.Supplier;

/**
 * Result pages once worked out, by plan inputs and catalog version. A result page evaluates the plan, the same plan
 * under every framework, a concurrency sweep and a rate sweep (a few hundred milliseconds of one core); its answer
 * depends on nothing but the form and the catalog (the simulator is seeded), so a reload, a shared permalink or a
 * back button costs a map look-up and a render. The catalog version is read on every call, so a catalog change on
 * any replica makes the old pages unreachable at once. The page is kept without the browser's CSRF token, which
 * the controller adds per request; its "generated at" time is when it was worked out.
 */
@Singleton
public class ResultPageCache {

    /** Pages kept at most (least recently used out): a page's model is some tens of KB. */
    static final int MAX_PAGES = 64;

    private final PlanCatalog catalog;
    private final LinkedHashMap<Key, ResultPage> pages = new LinkedHashMap<>(64, 0.75f, true);

    public ResultPageCache(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    private record Key(PlanForm form, String catalogVersion) {
    }

    /** The page of {@code form}, worked out by {@code work} unless already at this catalog version. */
    public ResultPage get(PlanForm form, Supplier<ResultPage> work) {
        Key key = new Key(form, catalog.current().version());
        synchronized (this) {
            ResultPage p = pages.get(key);
            if (p != null) {
                return p;
            }
        }
        ResultPage page = work.get(); // outside the lock: two first requests may both work it out, which is harmless
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
