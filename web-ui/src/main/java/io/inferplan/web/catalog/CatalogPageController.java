package io.inferplan.web.catalog;

import io.inferplan.plan.catalog.CatalogSnapshot;
import io.inferplan.plan.catalog.PlanCatalog;
import io.inferplan.web.common.Nav;
import io.inferplan.web.common.Routes;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.views.View;

/** {@code /catalog}: the catalog tables as one page. */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class CatalogPageController {

    private final PlanCatalog catalog;

    public CatalogPageController(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    @View("catalog")
    @Get(uri = Routes.CATALOG, produces = MediaType.TEXT_HTML)
    public CatalogPage catalog() {
        CatalogSnapshot s = catalog.current();
        return new CatalogPage(Nav.at("catalog"), "Catalog", s.version(),
                s.models().values().stream().map(CatalogSnapshot.Entry::row).toList(),
                s.weightFormats().values().stream().map(CatalogSnapshot.Entry::row).toList(),
                s.kvCacheFormats().values().stream().map(CatalogSnapshot.Entry::row).toList(),
                s.accelerators().values().stream().map(CatalogSnapshot.Entry::row).toList(),
                s.frameworks().values().stream().map(CatalogSnapshot.Entry::row).toList(),
                s.apiPrices(), s.gpuPrices());
    }
}
