package io.inferplan.web.plan;

import io.inferplan.plan.evaluate.PlanRequest;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.plan.evaluate.PlanService;
import io.inferplan.web.WebClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;

import static io.inferplan.web.Fixtures.DEFAULT_QUERY;
import static io.inferplan.web.Fixtures.llama31_8bOnOneH100;
import static io.inferplan.web.Fixtures.number;
import static io.inferplan.web.Fixtures.rowCells;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The throughput and latency vs concurrency chart and its table on the result page and in the PDF. */
@MicronautTest
class ConcurrencySweepTest {

    @Inject
    EmbeddedServer server;

    @Inject
    PlanService plans;

    static PlanRequest atConcurrency(int c) {
        return llama31_8bOnOneH100(new PlanRequest.WorkloadInput("fixed-concurrency", 2048, 256, c, null, 0));
    }

    @Test
    void theTableShowsThePlanServicesNumbersAtEachConcurrency() {
        String html = new WebClient(server.getURL().toString()).get("/plan?" + DEFAULT_QUERY).body();
        long fit = plans.evaluate(llama31_8bOnOneH100()).memory().maxConcurrentRequests();
        for (int c : List.of(1, 4, 32, 256)) {
            PlanResponse.PerformanceBlock p = plans.evaluate(atConcurrency(c)).performance();
            List<String> cells = rowCells(html, "conc-" + c);
            assertEquals(c, (int) number(cells.get(0)));
            assertEquals(p.outputTokensPerSecond(), number(cells.get(1)), 0.05);
            assertEquals(p.ttftMs(), number(cells.get(2)), 0.05);
            assertEquals(p.tpotMs(), number(cells.get(3)), 0.05);
            assertEquals(c <= fit ? "fits" : "full: requests wait", cells.get(4));
        }
        if (fit <= 256) {
            assertTrue(html.contains("id=\"conc-" + fit + "\""), "the KV-fit concurrency is a point of its own");
        }
    }

    @Test
    void theChartIsServedAsSvgAndEmbeddedInThePdf() throws Exception {
        WebClient web = new WebClient(server.getURL().toString());
        HttpResponse<byte[]> svg = web.getBytes("/plan/chart/concurrency.svg?" + DEFAULT_QUERY);
        assertEquals(200, svg.statusCode());
        assertTrue(new String(svg.body()).contains("<svg"));
        HttpResponse<byte[]> pdf = web.getBytes("/plan/report.pdf?" + DEFAULT_QUERY);
        try (PDDocument doc = Loader.loadPDF(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text.contains("Throughput and latency vs concurrency"), "the section is in the PDF");
            PlanResponse.PerformanceBlock p = plans.evaluate(atConcurrency(64)).performance();
            assertTrue(text.contains(String.format(java.util.Locale.ROOT, "%,.1f tok/s", p.outputTokensPerSecond())),
                    "the PDF shows the 64-request throughput");
        }
    }
}
