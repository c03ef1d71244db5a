package io.inferplan.engine.calibration;

import io.inferplan.engine.calibration.imports.ImportFormat;
import io.inferplan.engine.calibration.imports.ImportedRows;
import io.inferplan.engine.calibration.imports.ImportedRows.MissingFields;
import io.inferplan.engine.calibration.imports.SetupFields;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A user's own benchmark file, turned into rows and a refit shrunk toward the shipped fit. */
class UserRefitTest {

    static final EfficiencyProfile SHIPPED = EfficiencyProfileCsv.shipped();
    static final SetupFields B200 = new SetupFields("llama-3.1-8b", "bf16", "b200", 1, null, null, null);

    static byte[] sample(String file) {
        try (InputStream in = UserRefitTest.class.getResourceAsStream("/io/inferplan/engine/calibration/imports/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The profile as if it had no rows of one framework × hardware pair (its row count removed). */
    static EfficiencyProfile withoutPair(EfficiencyProfile p, String pairKey) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>(p.rowCounts());
        counts.remove(pairKey);
        return new EfficiencyProfile(p.name(), p.fittedOn(), p.rowIds(), p.parameters(), counts, p.bands());
    }

    static List<Measurement> vllmRows(SetupFields fields) {
        return ImportedRows.build(ImportFormat.VLLM_BENCH_SERVE.parse(sample("vllm-bench-serve.json")), fields,
                ImportedRows.ModelNames.none(), "my-b200", ImportFormat.VLLM_BENCH_SERVE).rows();
    }

    @Nested
    class Rows {
        @Test
        void aToolFileGivesOneRowPerFigureWithTheUploadsIdsAndSource() {
            List<Measurement> rows = vllmRows(B200);
            assertEquals(8, rows.size());
            Measurement first = rows.get(0);
            assertEquals("my-b200-1", first.id());
            assertEquals("upload:my-b200 (vllm-bench-serve)", first.sourceUrl());
            assertEquals("vllm", first.framework(), "the file's --backend vllm");
            assertEquals("b200", first.accelerator());
            assertEquals("1", first.acceleratorCount());
            assertEquals("16", first.concurrency());
            assertEquals("200", first.requestCount());
            assertEquals("output_tokens_per_second_total", first.metric());
            assertEquals(2891.67, first.value());
        }

        @Test
        void everyMissingFieldIsNamedAtOnceWithWhatTheFileSaid() {
            MissingFields e = assertThrows(MissingFields.class, () -> ImportedRows.build(
                    ImportFormat.GENAI_PERF.parse(sample("genai-perf-profile_export_genai_perf.json")),
                    SetupFields.none(), ImportedRows.ModelNames.none(), "x", ImportFormat.GENAI_PERF));
            assertEquals(List.of("model", "weightFormat", "accelerator", "acceleratorCount", "framework"),
                    e.problems().stream().map(ImportedRows.FieldProblem::field).toList());
            assertTrue(e.problems().get(0).message().contains("'meta-llama/Llama-3.1-8B-Instruct'"),
                    e.problems().get(0).message());
        }

        @Test
        void aModelNameTheResolverKnowsNeedsNoQueryField() {
            List<Measurement> rows = ImportedRows.build(ImportFormat.VLLM_BENCH_SERVE.parse(sample("vllm-bench-serve.json")),
                    new SetupFields(null, "bf16", "b200", 1, null, null, null),
                    raw -> raw.equals("meta-llama/Llama-3.1-8B-Instruct") ? Optional.of("llama-3.1-8b") : Optional.empty(),
                    "r", ImportFormat.VLLM_BENCH_SERVE).rows();
            assertEquals("llama-3.1-8b", rows.get(0).model());
        }

        @Test
        void csvCellsAreKeptAndOnlyTheEmptyOnesFilled() {
            List<Measurement> rows = ImportedRows.build(ImportFormat.MEASUREMENTS_CSV.parse(sample("measurements.csv")),
                    new SetupFields("qwen3-8b", null, "h100-sxm", null, null, null, null), ImportedRows.ModelNames.none(),
                    "lab", ImportFormat.MEASUREMENTS_CSV).rows();
            assertEquals("M1", rows.get(0).id());
            assertEquals("llama-3.1-8b", rows.get(0).model(), "the CSV's own model cell wins over model=");
            assertEquals("h100-sxm", rows.get(0).accelerator(), "the empty cell is filled");
            assertEquals("https://example.org/our-lab/bench-2026-12", rows.get(0).sourceUrl());
        }
    }

    @Nested
    class Refit {
        final CalibrationProfiles.Refit refit = CalibrationProfiles.refit("my-b200", vllmRows(B200),
                ReferenceCatalog.get().lookup(), SHIPPED, Duration.ofSeconds(30));

        @Test
        void meansAreFittedAndMediansAndPercentilesListedWithTheReason() {
            assertEquals(4, refit.rowsUsed(), "throughput, request rate, mean TTFT, mean TPOT");
            assertEquals(4, refit.unusable().size());
            assertTrue(refit.unusable().stream().anyMatch(u -> u.statistic().equals("p99")
                    && u.reason().contains("not percentiles")), refit.unusable().toString());
            assertTrue(refit.unusable().stream().anyMatch(u -> u.statistic().equals("median")
                    && u.reason().contains("mean is used")), refit.unusable().toString());
        }

        @Test
        void theErrorOnTheUploadedRowsFallsAndTheMovedQuantitiesAreNamed() {
            RefitReport r = refit.report();
            System.out.printf("vLLM B200 sample: median |error| before %.1f %% after %.1f %%, %d quantities moved%n",
                    r.medianAbsErrorBeforePercent(), r.medianAbsErrorAfterPercent(), r.parameters().size());
            r.rows().forEach(e -> System.out.printf("  %-32s measured %9.2f before %9.2f (%+6.1f %%) after %9.2f (%+6.1f %%)%n",
                    e.metric(), e.measured(), e.predictedBefore(), e.errorBeforePercent(), e.predictedAfter(),
                    e.errorAfterPercent()));
            r.parameters().forEach(p -> System.out.printf("  %s %s|%s|%s: %.4g -> %.4g %s%n", p.quantity(), p.framework(),
                    p.hardware(), p.format(), p.before(), p.after(), p.unit()));
            assertTrue(r.medianAbsErrorAfterPercent() < r.medianAbsErrorBeforePercent());
            assertFalse(r.parameters().isEmpty());
            assertTrue(r.parameters().stream().allMatch(p -> p.framework().equals("vllm")
                    && p.hardware().equals("nvidia_blackwell")), "only the rows' combination is reported");
        }

        @Test
        void theProfileCallsOnlyThePairOfTheRowsCalibrated() {
            EfficiencyProfile p = refit.profile();
            assertTrue(p.calibrated("vllm", Architecture.NVIDIA_BLACKWELL));
            assertFalse(p.calibrated("tensorrt-llm", Architecture.NVIDIA_HOPPER), "no user rows of that pair");
            assertEquals(4, p.rowIds().size());
        }

        @Test
        void aPairTheShippedFitHadNotCalibratedGetsTheNarrowerCalibratedBand() {
            // the shipped corpus has a few vLLM × Blackwell rows now: the premise is a base fit without them
            EfficiencyProfile base = withoutPair(SHIPPED, "pair.vllm|nvidia_blackwell");
            assertFalse(base.calibrated("vllm", Architecture.NVIDIA_BLACKWELL), "premise: no rows of the pair");
            CalibrationProfiles.Refit uncalibrated = CalibrationProfiles.refit("my-b200", vllmRows(B200),
                    ReferenceCatalog.get().lookup(), base, Duration.ofSeconds(30));
            RefitReport.BandChange ttft = uncalibrated.report().bands().stream()
                    .filter(b -> b.metricGroup().equals("ttft")).findFirst().orElseThrow();
            assertTrue(ttft.afterHigh() / ttft.afterLow() < ttft.beforeHigh() / ttft.beforeLow(), ttft.toString());
            assertTrue(ttft.basis().contains("no rows of this pair"), ttft.basis());
        }
    }

    @Nested
    class OwnSetupStudy {
        @Test
        void theShippedStudyGivesAWeightAndBothBandsForEveryMetricGroup() {
            OwnSetup s = OwnSetup.shipped();
            assertTrue(s.rowWeight() > 1, "the study found own rows worth more than one corpus row each");
            for (EfficiencyProfile.MetricGroup g : EfficiencyProfile.MetricGroup.values()) {
                for (int own = 1; own <= 2; own++) {
                    assertTrue(s.band(g, own).isPresent() && s.bandWithoutOwnRows(g, own).isPresent(), g + " " + own);
                }
            }
            assertTrue(s.basis().startsWith("own-setup study of "), s.basis());
        }

        @Test
        void aBrokenStudyLineFailsWithItsLine() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OwnSetup.read(
                    new java.io.StringReader("kind,key,value\ncount,row_weight,heavy\n"), "bad.csv"));
            assertTrue(e.getMessage().startsWith("bad.csv line 2"), e.getMessage());
        }

        @Test
        void theRefitUsesTheStudysBandsForThePairOfTheRows() {
            CalibrationProfiles.Refit r = CalibrationProfiles.refit("bands", vllmRows(B200), ReferenceCatalog.get().lookup(),
                    SHIPPED, Duration.ofSeconds(30));
            double[] expected = OwnSetup.shipped().band(EfficiencyProfile.MetricGroup.THROUGHPUT, 2).orElseThrow();
            assertEquals(expected[0], r.profile().band(EfficiencyProfile.MetricGroup.THROUGHPUT, true)[0]);
            assertEquals(expected[1], r.profile().band(EfficiencyProfile.MetricGroup.THROUGHPUT, true)[1]);
            assertTrue(r.report().bands().get(0).basis().contains("now measured"), r.report().bands().get(0).basis());
        }
    }

    @Nested
    class Deadline {
        @Test
        void aFitThatWouldPassTheDeadlineStopsAtTheLastCompletedRound() {
            AtomicLong now = new AtomicLong();
            // every clock read moves time by 3 s: the first round "takes" 3 s, the next is projected past 5 s
            CalibrationProfiles.Refit r = CalibrationProfiles.refit("slow", vllmRows(B200), ReferenceCatalog.get().lookup(),
                    SHIPPED, new DeadlineFit.Budget(40, Duration.ofSeconds(5)), () -> now.addAndGet(3_000_000_000L));
            RefitReport.Fit fit = r.report().fit();
            assertTrue(fit.stoppedAtDeadline());
            assertEquals(1, fit.rounds());
            assertEquals(2, fit.iterations());
            assertTrue(r.report().medianAbsErrorAfterPercent() <= r.report().medianAbsErrorBeforePercent(),
                    "two LM iterations already lower the cost");
        }

        @Test
        void withTimeToSpareTheFitRunsToConvergenceOrTheIterationCap() {
            RefitReport.Fit fit = CalibrationProfiles.refit("quick", vllmRows(B200), ReferenceCatalog.get().lookup(),
                    SHIPPED, Duration.ofSeconds(60)).report().fit();
            assertFalse(fit.stoppedAtDeadline());
            assertTrue(fit.converged() || fit.iterations() == CalibrationProfiles.MAX_ITERATIONS, fit.toString());
        }
    }
}
