package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import io.inferplan.engine.speed.FormatClass;
import io.inferplan.engine.speed.SpeedModel;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CalibrationProfilesTest {
    static final String HEADER = "id,source_url,source_date,framework,framework_version,model,weight_format,"
            + "kv_cache_format,accelerator,accelerator_count,tensor_parallel,input_tokens,output_tokens,mode,concurrency,"
            + "requests_per_second,metric,value,raw_model,raw_accelerator,raw_weight_dtype,raw_kv_dtype,raw_concurrency,"
            + "notes\n";

    @Test
    void shippedProfileRecordsItsDateAndOnlyRowsThatExist() {
        EfficiencyProfile p = EfficiencyProfileCsv.shipped();
        assertEquals("default", p.name());
        assertTrue(p.fittedOn().matches("\\d{4}-\\d{2}-\\d{2}"));
        Set<String> ids = MeasurementCsv.shipped().stream().map(Measurement::id).collect(Collectors.toSet());
        assertTrue(ids.containsAll(p.rowIds()));
        assertTrue(p.rowIds().size() > 800);
        assertTrue(p.bands().containsKey("calibrated.throughput"));
    }

    @Test
    void profileCsvRoundTrips() throws Exception {
        EfficiencyProfile p = EfficiencyProfileCsv.shipped();
        StringWriter w = new StringWriter();
        EfficiencyProfileCsv.write(p, w, List.of("round trip"));
        EfficiencyProfile back = EfficiencyProfileCsv.read(new StringReader(w.toString()), "test");
        assertEquals(p.parameters().keySet(), back.parameters().keySet());
        p.parameters().forEach((k, v) -> assertEquals(v, back.parameters().get(k), 1e-6));
        assertEquals(p.rowIds(), back.rowIds());
    }

    @Test
    void aBrokenProfileRowFailsWithItsLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EfficiencyProfileCsv.read(
                new StringReader("kind,key,value\nparam,bw.global,not-a-number\n"), "bad.csv"));
        assertTrue(e.getMessage().contains("bad.csv line"), e.getMessage());
    }

    /** A user posts three rows of their own llama.cpp box; the refit profile moves toward them. */
    @Test
    void refitOnPostedRowsMovesPredictionsTowardThem() throws Exception {
        String rows = HEADER
                + "U1,https://example.org/my-box,2026-12,llama.cpp,,llama-3.1-8b,gguf-q4_k_m,fp16,rtx-4090,1,1,1,128,"
                + "single-stream,1,,output_tokens_per_second_per_request,60,,,,,,my llama-bench\n"
                + "U2,https://example.org/my-box,2026-12,llama.cpp,,llama-3.1-8b,gguf-q4_k_m,fp16,rtx-4090,1,1,1,512,"
                + "single-stream,1,,output_tokens_per_second_per_request,58,,,,,,my llama-bench\n"
                + "U3,https://example.org/my-box,2026-12,llama.cpp,,no-such-model,gguf-q4_k_m,fp16,rtx-4090,1,1,1,"
                + "128,single-stream,1,,output_tokens_per_second_per_request,58,,,,,,unknown model\n";
        EfficiencyProfile base = EfficiencyProfileCsv.shipped();
        CalibrationProfiles.Refit r = CalibrationProfiles.refit("my-box", new StringReader(rows),
                ReferenceCatalog.get().lookup(), base);
        assertEquals("my-box", r.profile().name());
        assertEquals(2, r.rowsUsed());
        assertEquals(1, r.rowsSkipped().size());
        MeasurementCase c = MeasurementCase.of(MeasurementCsv.read(new StringReader(rows), "x").get(0),
                ReferenceCatalog.get().lookup()).value();
        double before = predict(c, base);
        double after = predict(c, r.profile());
        assertTrue(Math.abs(Math.log(after / 60)) < Math.abs(Math.log(before / 60)),
                "before " + before + " after " + after + " measured 60");
    }

    static double predict(MeasurementCase c, EfficiencyProfile p) {
        return c.predicted(SpeedModel.evaluate(c.input(), p.resolve(c.frameworkKey(),
                c.input().accelerator().architecture(), FormatClass.of(c.input().weightFormat()))));
    }
}
