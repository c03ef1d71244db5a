package io.inferplan.web.report;

import io.inferplan.common.problem.ProblemException;
import io.inferplan.plan.evaluate.PlanResponse;
import io.inferplan.web.plan.BillOfMaterials;
import io.inferplan.web.plan.LatencyTable;
import io.inferplan.web.plan.PlanForm;
import io.inferplan.web.plan.PlanPages;
import io.inferplan.web.plan.RateSweep;
import io.inferplan.web.plan.ResultPage;
import jakarta.inject.Singleton;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The sizing report as a workbook for procurement: sheets Inputs, Results, Frameworks, Sweep (the same plan at
 * several concurrencies), Latency vs rate (the same plan at several arrival rates) and Sources. Numbers are written as numbers, units in the column or row names.
 */
@Singleton
public class XlsxReport {

    /** The concurrencies of the result page's sweep, one row each (refusals included, as a row saying why). */
    static final List<Integer> SWEEP_CONCURRENCY = PlanPages.SWEPT_CONCURRENCY;

    /** The sheet of the latency-vs-request-rate sweep. */
    static final String RATE_SHEET = "Latency vs rate";

    private final PlanPages pages;

    public XlsxReport(PlanPages pages) {
        this.pages = pages;
    }

    public byte[] render(PlanPages.Evaluated e) {
        ResultPage page = pages.result(e);
        PlanResponse r = e.response();
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = bold(wb);

            Sheet inputs = wb.createSheet("Inputs");
            header(inputs, bold, "parameter", "submitted", "resolved");
            Map<String, String> submitted = e.form().params();
            PlanResponse.ResolvedPlan p = r.plan();
            Map<String, Object> resolved = Map.of("model", p.model(), "weightFormat", p.weightFormat(), "kvCacheFormat",
                    p.kvCacheFormat(), "accelerator", p.accelerator(), "acceleratorCount", p.acceleratorCount(),
                    "framework", p.framework());
            submitted.forEach((k, v) -> row(inputs, k, v, resolved.getOrDefault(k, "")));
            row(inputs, "parallelism.tensorParallel", "", p.parallelism().tensorParallel());
            row(inputs, "parallelism.pipelineParallel", "", p.parallelism().pipelineParallel());
            row(inputs, "parallelism.replicas", "", p.parallelism().replicas());
            row(inputs, "serving.frameworkVersion", "", p.serving().frameworkVersion());
            row(inputs, "serving.memoryFraction", "", p.serving().memoryFraction());
            row(inputs, "catalogVersion", "", r.catalogVersion());
            row(inputs, "generatedAt", "", page.generatedAt());

            Sheet results = wb.createSheet("Results");
            header(results, bold, "quantity", "value");
            PlanResponse.MemoryBlock m = r.memory();
            row(results, "memory.weightsGiB", m.weightsGiB());
            row(results, "memory.kvCacheBytesPerToken", m.kvCacheBytesPerToken());
            row(results, "memory.kvCacheGiBPerRequest", m.kvCacheGiBPerRequest());
            row(results, "memory.totalGiBPerAccelerator", m.totalGiBPerAccelerator());
            row(results, "memory.capacityGiBPerAccelerator", m.capacityGiBPerAccelerator());
            row(results, "memory.fits", String.valueOf(m.fits()));
            row(results, "memory.maxConcurrentRequests", m.maxConcurrentRequests());
            row(results, "memory.kvCacheGiBAvailablePerReplica", m.kvCacheGiBAvailablePerReplica());
            row(results, "memory.concurrency.naiveRequests", m.concurrency().naiveRequests());
            row(results, "memory.concurrency.pagedRequests", m.concurrency().pagedRequests());
            row(results, "memory.concurrency.sharedPrefixRequests", m.concurrency().sharedPrefixRequests());
            PlanResponse.PerformanceBlock perf = r.performance();
            if (perf != null) {
                row(results, "performance.ttftMs", perf.ttftMs());
                row(results, "performance.ttftMsLow", perf.ttftMsLow());
                row(results, "performance.ttftMsHigh", perf.ttftMsHigh());
                row(results, "performance.tpotMs", perf.tpotMs());
                row(results, "performance.tpotMsLow", perf.tpotMsLow());
                row(results, "performance.tpotMsHigh", perf.tpotMsHigh());
                row(results, "performance.outputTokensPerSecond", perf.outputTokensPerSecond());
                row(results, "performance.outputTokensPerSecondLow", perf.outputTokensPerSecondLow());
                row(results, "performance.outputTokensPerSecondHigh", perf.outputTokensPerSecondHigh());
                row(results, "performance.provenance", perf.provenance());
                latency(results, perf, page);
            }
            BillOfMaterials bom = page.bom();
            row(results, "bom.acceleratorCount", bom.count());
            if (bom.powerWatts() != null) {
                row(results, "bom.powerWattsAtTdp", bom.powerWatts());
            }
            if (bom.usdPerHour() != null) {
                row(results, "cost.usdPerHour", bom.usdPerHour().doubleValue());
                row(results, "bom.usdPerMonth", bom.usdPerMonth().doubleValue());
                row(results, "bom.usdThreeYears (26280 h)", bom.usdThreeYears().doubleValue());
            }
            if (r.cost() != null) {
                row(results, "cost.usdPerMillionInputTokens", r.cost().usdPerMillionInputTokens());
                row(results, "cost.usdPerMillionOutputTokens", r.cost().usdPerMillionOutputTokens());
                row(results, "cost.usdPerMillionBlendedTokens", r.cost().usdPerMillionBlendedTokens());
                if (r.cost().owned() != null) {
                    row(results, "cost.owned.usdPerHour", r.cost().owned().usdPerHour());
                    row(results, "cost.owned.usdPerMonth", r.cost().owned().usdPerMonth());
                    row(results, "cost.owned.usdThreeYears", r.cost().owned().usdThreeYears());
                }
                if (r.cost().energy() != null) {
                    row(results, "cost.energy.kWhPerMillionOutputTokens", r.cost().energy().kWhPerMillionOutputTokens());
                    row(results, "cost.energy.joulesPerOutputToken", r.cost().energy().joulesPerOutputToken());
                    row(results, "cost.energy.kWhPerHour", r.cost().energy().kWhPerHour());
                    row(results, "cost.energy.busyShareFraction", r.cost().energy().busyShareFraction());
                    row(results, "cost.energy.assumptions", String.join("; ", r.cost().energy().assumptions()));
                }
                if (r.cost().carbon() != null) {
                    row(results, "cost.carbon.gCo2ePerMillionOutputTokens", r.cost().carbon().gCo2ePerMillionOutputTokens());
                    row(results, "cost.carbon.gridIntensityGCo2ePerKWh (" + r.cost().carbon().gridRegion() + ")",
                            r.cost().carbon().gridIntensityGCo2ePerKWh());
                }
                for (PlanResponse.ApiComparison a : r.cost().apiComparison()) {
                    String api = "api." + a.provider() + "." + a.model();
                    row(results, api + ".usdPerMillionBlendedTokens (billed)", a.usdPerMillionBlendedTokens());
                    row(results, api + ".listUsdPerMillionBlendedTokens", a.listUsdPerMillionBlendedTokens());
                    row(results, api + ".billing", a.billing().applied().isEmpty() ? "list prices"
                            : String.join("; ", a.billing().applied()));
                    row(results, api + ".gCo2ePerMillionOutputTokens", a.gCo2ePerMillionOutputTokens() == null
                            ? "unknown" : String.valueOf(a.gCo2ePerMillionOutputTokens()));
                }
            }
            for (String w : r.warnings()) {
                row(results, "warning", w);
            }

            Sheet fw = wb.createSheet("Frameworks");
            header(fw, bold, "framework", "runs", "fits", "maxConcurrentRequests", "totalGiBPerAccelerator",
                    "outputTokensPerSecond", "reason");
            for (ResultPage.FrameworkComparison c : page.frameworks()) {
                row(fw, c.id(), String.valueOf(c.ok()), c.fits() == null ? "" : String.valueOf(c.fits()),
                        c.maxConcurrentRequests(), c.totalGiBPerAccelerator(), c.outputTokensPerSecond(),
                        c.reason() == null ? "" : c.reason());
            }

            Sheet sweep = wb.createSheet("Sweep");
            header(sweep, bold, "workload.concurrency", "memory.fits", "memory.totalGiBPerAccelerator",
                    "memory.maxConcurrentRequests", "performance.outputTokensPerSecond", "performance.ttftMs",
                    "performance.tpotMs", "refused");
            for (int c : SWEEP_CONCURRENCY) {
                PlanForm at = e.form().withConcurrency(c);
                try {
                    PlanResponse s = pages.evaluate(at).response();
                    PlanResponse.PerformanceBlock sp = s.performance();
                    row(sweep, c, String.valueOf(s.memory().fits()), s.memory().totalGiBPerAccelerator(),
                            s.memory().maxConcurrentRequests(), sp == null ? null : sp.outputTokensPerSecond(),
                            sp == null ? null : sp.ttftMs(), sp == null ? null : sp.tpotMs(), "");
                } catch (ProblemException ex) {
                    row(sweep, c, "", null, null, null, null, null, ex.getMessage());
                }
            }

            Sheet rates = rateSheet(wb, bold, page.rateSweep());

            Sheet src = wb.createSheet("Sources");
            header(src, bold, "catalog", "id", "entry", "sourceUrl", "asOf");
            for (ResultPage.Source s : page.sources()) {
                row(src, s.catalog(), s.id(), s.label() == null ? "" : s.label(), s.sourceUrl(), s.asOf());
            }
            for (Sheet s : List.of(inputs, results, fw, sweep, rates, src)) {
                for (int i = 0; i < 10; i++) {
                    s.setColumnWidth(i, 28 * 256);
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** The latency table's values under the answer's field names, then how they were computed. */
    private static void latency(Sheet results, PlanResponse.PerformanceBlock perf, ResultPage page) {
        for (LatencyTable.Row r : page.latency().rows()) {
            for (Map.Entry<String, Double> v : r.byField()) {
                if (v.getValue() != null && !"ttftMs".equals(v.getKey()) && !"tpotMs".equals(v.getKey())) {
                    row(results, "performance." + v.getKey(), v.getValue());
                }
            }
        }
        row(results, "latency.method", page.latency().method());
        PlanResponse.SimulationBlock sim = perf.simulation();
        if (sim != null) {
            row(results, "performance.simulation.method", sim.method());
            row(results, "performance.simulation.scheduler", sim.scheduler());
            row(results, "performance.simulation.requestsSimulatedPerReplica", sim.requestsSimulatedPerReplica());
            row(results, "performance.simulation.requestsMeasuredPerReplica", sim.requestsMeasuredPerReplica());
            row(results, "performance.simulation.seed", sim.seed());
        }
        for (LatencyTable.Fact f : page.latency().facts()) {
            row(results, "performance.simulation." + f.field(), f.value());
        }
    }

    /** The latency-vs-request-rate sweep of the result page, one row per rate (the sweep CSV's rates). */
    static Sheet rateSheet(XSSFWorkbook wb, CellStyle bold, RateSweep.Sweep sweep) {
        Sheet s = wb.createSheet(RATE_SHEET);
        header(s, bold, "workload.requestsPerSecond", "requestsPerSecondPerReplica", "fractionOfCapacity",
                "performance.ttftP50Ms", "performance.ttftP95Ms", "performance.ttftP99Ms", "performance.tpotP95Ms",
                "performance.outputTokensPerSecond", "performance.exceedsCapacity", "refused");
        for (RateSweep.Point p : sweep.points()) {
            row(s, p.requestsPerSecond(), p.requestsPerSecondPerReplica(), p.fractionOfCapacity(), p.ttftP50Ms(),
                    p.ttftP95Ms(), p.ttftP99Ms(), p.tpotP95Ms(), p.outputTokensPerSecond(),
                    p.refused() == null ? String.valueOf(p.exceedsCapacity()) : "", p.refused() == null ? "" : p.refused());
        }
        if (sweep.capacityRequestsPerSecond() != null) {
            row(s);
            row(s, "saturated requests/s (deployment)", sweep.capacityRequestsPerSecond());
            row(s, "same sweep as CSV", sweep.csvHref());
        } else {
            row(s, "no saturated throughput for this plan: nothing to sweep");
        }
        return s;
    }

    /** The header rows' style. */
    static CellStyle bold(Workbook wb) {
        CellStyle bold = wb.createCellStyle();
        Font f = wb.createFont();
        f.setBold(true);
        bold.setFont(f);
        return bold;
    }

    static void header(Sheet s, CellStyle bold, String... names) {
        Row row = s.createRow(0);
        for (int i = 0; i < names.length; i++) {
            row.createCell(i).setCellValue(names[i]);
            row.getCell(i).setCellStyle(bold);
        }
        s.createFreezePane(0, 1);
    }

    static void row(Sheet s, Object... values) {
        Row row = s.createRow(s.getLastRowNum() + 1);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Number n) {
                row.createCell(i).setCellValue(n.doubleValue());
            } else if (v != null) {
                row.createCell(i).setCellValue(v.toString());
            }
        }
    }
}
