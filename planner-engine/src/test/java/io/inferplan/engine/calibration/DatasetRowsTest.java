package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.sim.LengthDistribution;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** MLPerf corpus rows whose length cells name a dataset become engine inputs with that dataset's lengths. */
class DatasetRowsTest {
    static final String UNSTATED = "input/output lengths unstated";

    @Test
    void mlperfRowsGetTheirDatasetsLengthsAndSpreads() {
        // Llama-3.1-8B on CNN/DailyMail, 8 x B200 Offline: no mean of its own, so the dataset's 870.7 in / 128.0 out
        SpeedWorkload cnn = workload("B00224");
        assertEquals(871, cnn.inputTokens());
        assertEquals(128, cnn.outputTokens());
        assertEquals(430.1, cnn.inputTokensSpread());
        assertEquals(0, cnn.outputTokensSpread());
        assertEquals(LengthDistribution.Shape.LOGNORMAL, cnn.lengthShape());

        // Llama-2-70B on OpenOrca, Nebius 8 x H200 Offline: its log's 293.4 output tokens per sample wins over 294.45
        SpeedWorkload orca = workload("D30017");
        assertEquals(222, orca.inputTokens());
        assertEquals(293, orca.outputTokens());
        assertEquals(171.5, orca.inputTokensSpread());

        // Llama-3.1-405B long context, 8 x B200 Offline: accuracy log tokens_per_sample 651.5; uniform spreads
        SpeedWorkload big = workload("B00209");
        assertEquals(9429, big.inputTokens());
        assertEquals(652, big.outputTokens());
        assertEquals(4066.9, big.inputTokensSpread());
        assertEquals(260.8, big.outputTokensSpread());
        assertEquals(LengthDistribution.Shape.UNIFORM, big.lengthShape());

        // Mixtral-8x7B, 8 x MI300X Offline: tokens_per_sample 143.7
        SpeedWorkload mix = workload("B00016");
        assertEquals(427, mix.inputTokens());
        assertEquals(144, mix.outputTokens());
        assertEquals(112.7, mix.outputTokensSpread());

        MeasurementCase c = of("B00224");
        assertTrue(c.input().serving().variableLengths());
    }

    @Test
    void rowsLeftOutForUnstatedLengthsBeforeAndAfter() throws IOException {
        CatalogLookup catalog = ReferenceCatalog.get().lookup();
        DatasetLengths before = shareGptOnly(); // what the engine knew before: ShareGPT's means only
        Map<String, Integer> nowModelledBy = new TreeMap<>();
        int unstatedBefore = 0;
        int unstatedAfter = 0;
        int mlperfUnstatedAfter = 0;
        for (Measurement m : MeasurementCsv.shipped()) {
            MeasurementCase.Result was = MeasurementCase.of(m, catalog, before);
            MeasurementCase.Result now = MeasurementCase.of(m, catalog);
            unstatedBefore += UNSTATED.equals(was.skipReason()) ? 1 : 0;
            unstatedAfter += UNSTATED.equals(now.skipReason()) ? 1 : 0;
            if (UNSTATED.equals(now.skipReason()) && m.inputTokens().contains("MLPerf")) {
                mlperfUnstatedAfter++;
            }
            if (UNSTATED.equals(was.skipReason())) {
                String outcome = now.value() != null ? "modelled" : now.skipReason().replaceAll(":.*", "");
                nowModelledBy.merge(outcome, 1, Integer::sum);
            }
        }
        System.out.printf("corpus rows left out as '%s': before %d, after %d%n", UNSTATED, unstatedBefore,
                unstatedAfter);
        System.out.println("the rows left out before, now: " + nowModelledBy);
        assertTrue(unstatedBefore >= 600, "about 700 MLPerf rows named a dataset: " + unstatedBefore);
        assertEquals(0, mlperfUnstatedAfter);
        assertTrue(unstatedAfter < 60, "only rows whose source gives no lengths remain: " + unstatedAfter);
        assertTrue(nowModelledBy.getOrDefault("modelled", 0) >= 400, nowModelledBy.toString());
    }

    static DatasetLengths shareGptOnly() throws IOException {
        try (var in = new InputStreamReader(DatasetRowsTest.class.getResourceAsStream(DatasetLengths.RESOURCE),
                StandardCharsets.UTF_8)) {
            String kept = new java.io.BufferedReader(in).lines()
                    .filter(l -> l.startsWith("#") || l.startsWith("id,") || l.startsWith("sharegpt"))
                    .collect(Collectors.joining("\n"));
            return DatasetLengths.read(new StringReader(kept), "datasets.csv (ShareGPT only)");
        }
    }

    static SpeedWorkload workload(String id) {
        return of(id).input().workload();
    }

    static MeasurementCase of(String id) {
        Measurement m = MeasurementCsv.shipped().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
        MeasurementCase.Result r = MeasurementCase.of(m, ReferenceCatalog.get().lookup());
        assertNotNull(r.value(), id + " not modelled: " + r.skipReason());
        return r.value();
    }
}
