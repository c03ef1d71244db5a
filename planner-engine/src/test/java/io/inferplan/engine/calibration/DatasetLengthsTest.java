package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.SpeedWorkload;
import io.inferplan.engine.speed.sim.LengthDistribution;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dataset table against values read by hand from datasets.csv and its sources, and the one row rule. */
class DatasetLengthsTest {
    static final String HEADER = "id,corpus_cells,mean_input_tokens,sd_input_tokens,mean_output_tokens,"
            + "sd_output_tokens,max_output_tokens,length_shape,distribution_note,input_source_url,output_source_url,"
            + "max_output_source_url,as_of,notes\n";
    static final String OK_ROW = "d1,Cell A | Cell B,100,50,200,,400,lognormal,,https://a.example/x,"
            + "https://b.example/y,,2026-12-07,\n";

    @Test
    void shippedTableHasTheHandReadFigures() {
        DatasetLengths t = DatasetLengths.shipped();
        assertEquals(6, t.all().size());

        DatasetLengths.Dataset orca = t.named("OpenOrca (MLPerf llama2-70b set; variable lengths)").orElseThrow();
        assertEquals("mlperf-llama2-70b-openorca", orca.id());
        assertEquals(222.3, orca.meanInputTokens());
        assertEquals(171.5, orca.sdInputTokens());
        assertEquals(294.45, orca.meanOutputTokens()); // README "Tokens per sample: 294.45"
        assertEquals(0, orca.sdOutputTokens()); // none published for the Llama-2 generations
        assertEquals(1024, orca.maxOutputTokens().getAsInt());
        assertEquals(LengthDistribution.Shape.LOGNORMAL, orca.shape());
        assertTrue(orca.outputSourceUrl().endsWith("/language/llama2-70b/README.md"));
        assertEquals(orca, t.named("  OpenOrca (MLPerf llama2-70b set: 24576 samples, inputs <= 1024 tokens; "
                + "variable)  ").orElseThrow());

        DatasetLengths.Dataset big = t.named("MLPerf llama3.1-405b long-context set (variable)").orElseThrow();
        assertEquals(9428.6, big.meanInputTokens());
        assertEquals(4066.9, big.sdInputTokens());
        assertEquals(684.68, big.meanOutputTokens());
        assertEquals(260.8, big.sdOutputTokens());
        assertEquals(2000, big.maxOutputTokens().getAsInt());
        assertEquals(LengthDistribution.Shape.UNIFORM, big.shape());

        DatasetLengths.Dataset cnn = t.named("CNN/DailyMail (MLPerf llama3.1-8b; variable)").orElseThrow();
        assertEquals(870.7, cnn.meanInputTokens());
        assertEquals(128.0, cnn.meanOutputTokens());
        assertEquals(128, cnn.maxOutputTokens().getAsInt());

        DatasetLengths.Dataset mix = t.named("MLPerf mixtral set (OpenOrca+GSM8K+MBXP; variable)").orElseThrow();
        assertEquals(427.4, mix.meanInputTokens());
        assertEquals(144.84, mix.meanOutputTokens());
        assertEquals(112.7, mix.sdOutputTokens());

        DatasetLengths.Dataset r1 = t.named("MLPerf deepseek-r1 reasoning set (variable)").orElseThrow();
        assertEquals(803.8, r1.meanInputTokens());
        assertEquals(3886.2, r1.meanOutputTokens());
        assertEquals(20000, r1.maxOutputTokens().getAsInt());

        DatasetLengths.Dataset share = t.named("ShareGPT (variable)").orElseThrow();
        assertEquals(217.4, share.meanInputTokens());
        assertEquals(201.6, share.meanOutputTokens());
        assertEquals(LengthDistribution.Shape.FIXED, share.shape());
        assertTrue(share.maxOutputTokens().isEmpty());

        assertTrue(t.named("unstated").isEmpty());
        assertTrue(t.named("1024").isEmpty());
    }

    @Test
    void aRowsOwnStatedMeanWinsOverTheDatasets() {
        DatasetLengths t = DatasetLengths.shipped();
        String cell = "MLPerf mixtral set (OpenOrca+GSM8K+MBXP; variable)";
        DatasetLengths.RowLengths none = t.lengths(cell, cell, "no figures here").orElseThrow();
        assertEquals(427, none.inputTokens());
        assertEquals(145, none.outputTokens());
        assertFalse(none.outputFromRow());

        DatasetLengths.RowLengths log = t.lengths(cell, cell,
                "this run's accuracy log reports tokens_per_sample 143.7 (mean generated tokens per request)")
                .orElseThrow();
        assertEquals(427, log.inputTokens());
        assertEquals(144, log.outputTokens());
        assertTrue(log.outputFromRow());
        assertTrue(log.describe().contains("mean stated by the row"));

        DatasetLengths.RowLengths run = t.lengths("OpenOrca (MLPerf llama2-70b set; variable lengths)", "x",
                "Samples per second 118.653; output tokens per sample in this run 293.4 (tokens/s ÷ samples/s)")
                .orElseThrow();
        assertEquals(293, run.outputTokens());
        assertTrue(run.describe().contains("fixed at the mean"));

        DatasetLengths.RowLengths share = t.lengths("ShareGPT (variable)", "ShareGPT (variable)",
                "1000 requests, total input 224000 (avg 224 in / 192 out)").orElseThrow();
        assertEquals(224, share.inputTokens());
        assertEquals(192, share.outputTokens());
        DatasetLengths.RowLengths shareDefault = t.lengths("ShareGPT (variable)", "", "").orElseThrow();
        assertEquals(217, shareDefault.inputTokens());
        assertEquals(202, shareDefault.outputTokens());

        assertTrue(t.lengths("128", "128", "tokens_per_sample 99").isEmpty());
    }

    @Test
    void spreadsReachTheWorkloadSoTheSimulatorDrawsThem() {
        DatasetLengths.RowLengths l = DatasetLengths.shipped().lengths(
                "OpenOrca (MLPerf llama2-70b set; variable lengths)", "", "").orElseThrow();
        SpeedWorkload w = l.applyTo(SpeedWorkload.arrivalRate(l.inputTokens(), l.outputTokens(), 10));
        assertEquals(171.5, w.inputTokensSpread());
        assertEquals(0, w.outputTokensSpread());
        assertEquals(LengthDistribution.Shape.LOGNORMAL, w.lengthShape());
        assertEquals(LengthDistribution.Shape.FIXED, w.outputDistribution().shape());
        // the drawn prompts have the dataset's mean and spread (lognormal: many short, a long tail)
        SplittableRandom rng = new SplittableRandom(7);
        double sum = 0;
        double sq = 0;
        int below = 0;
        int n = 200_000;
        for (int i = 0; i < n; i++) {
            int v = w.inputDistribution().draw(rng);
            sum += v;
            sq += (double) v * v;
            below += v < 222 ? 1 : 0;
        }
        double mean = sum / n;
        assertEquals(222.3, mean, 2.0);
        assertEquals(171.5, Math.sqrt(sq / n - mean * mean), 3.0);
        assertTrue(below > n * 0.55, "right-skewed: most prompts are shorter than the mean");
    }

    @Test
    void everyCorpusCellThatNamesADatasetIsKnown() {
        List<String> unknown = new ArrayList<>();
        for (Measurement m : MeasurementCsv.shipped()) {
            if ((namesDataset(m.inputTokens()) || namesDataset(m.outputTokens()))
                    && DatasetLengths.shipped().lengths(m.inputTokens(), m.outputTokens(), "").isEmpty()) {
                unknown.add(m.id() + ": " + m.inputTokens());
            }
        }
        assertEquals(List.of(), unknown);
    }

    static boolean namesDataset(String cell) {
        return cell.contains("MLPerf") || cell.contains("ShareGPT") || cell.contains("OpenOrca")
                || cell.contains("CNN/DailyMail");
    }

    @Test
    void aRowThatDoesNotParseNamesFileLineAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read("# comment\n" + HEADER
                + OK_ROW + OK_ROW.replace("d1,Cell A | Cell B,100", "d2,Cell C,many")));
        assertEquals("test.csv line 4 column mean_input_tokens: 'many' is not a number", e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> read(HEADER + OK_ROW.replace("lognormal", "")));
        assertEquals("test.csv line 2 column length_shape: must be lognormal or uniform where an sd is given",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(HEADER + OK_ROW.replace(",50,", ",-5,")));
        assertTrue(e.getMessage().startsWith("test.csv line 2 column sd_input_tokens:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(HEADER + OK_ROW.replace("https://a.example/x",
                "")));
        assertEquals("test.csv line 2 column input_source_url: is empty but required", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> read(HEADER + OK_ROW.replace("lognormal", "normal")));
        assertTrue(e.getMessage().contains("column length_shape: 'normal' is not lognormal or uniform"));

        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> read(HEADER + OK_ROW + OK_ROW.replace("d1,Cell A | Cell B", "d2,Cell B")));
        assertTrue(twice.getMessage().contains("'Cell B' names two datasets"));
    }

    @Test
    void aValidTableReadsItsCellsAndOptionalColumns() throws Exception {
        DatasetLengths t = read(HEADER + OK_ROW);
        DatasetLengths.Dataset d = t.named("Cell B").orElseThrow();
        assertEquals(List.of("Cell A", "Cell B"), d.corpusCells());
        assertEquals(0, d.sdOutputTokens());
        assertEquals(400, d.maxOutputTokens().getAsInt());
    }

    static DatasetLengths read(String csv) {
        try {
            return DatasetLengths.read(new StringReader(csv), "test.csv");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
