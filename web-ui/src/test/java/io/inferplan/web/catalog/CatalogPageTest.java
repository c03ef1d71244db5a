package io.inferplan.web.catalog;

import io.inferplan.catalog.accelerator.AcceleratorCatalog;
import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.catalog.model.ModelCatalog;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class CatalogPageTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    AcceleratorCatalog accelerators;

    @Inject
    ModelCatalog models;

    @Test
    void listsEveryAcceleratorAndModelWithItsSourceAndDate() {
        String html = client.toBlocking().retrieve("/catalog");
        for (AcceleratorRow a : accelerators.all()) {
            String row = html.substring(html.indexOf("id=\"acc-" + a.id() + "\""));
            row = row.substring(0, row.indexOf("</tr>"));
            assertTrue(row.contains("href=\"" + a.sourceUrl().replace("&", "&amp;") + "\""), a.id() + " links its source");
            assertTrue(row.contains("<td>" + a.asOf() + "</td>"), a.id() + " shows its date");
        }
        models.all().forEach(m -> assertTrue(html.contains("id=\"model-" + m.id() + "\""), m.id()));
        assertTrue(html.contains("id=\"api-prices\"") && html.contains("id=\"gpu-prices\"") && html.contains("id=\"frameworks\""));
    }
}
