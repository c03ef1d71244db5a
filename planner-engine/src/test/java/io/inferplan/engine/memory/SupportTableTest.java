package io.inferplan.engine.memory;

import io.inferplan.engine.spec.FormatSupport;
import io.inferplan.engine.spec.FormatSupport.Status;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.ServingSetup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.inferplan.engine.memory.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compatibility read from support-table cells: the most specific cell decides, refusals name reason and source. */
class SupportTableTest {

    private static final String RECIPE = "https://github.com/vllm-project/recipes/blob/x/OpenAI/GPT-OSS.md";
    private static final String TRT = "https://github.com/NVIDIA/TensorRT-LLM/blob/x/docs/source/features/quantization.md";

    /** MXFP4 as the table records it for vLLM and TensorRT-LLM (a subset, enough for the rules). */
    static NumberFormatSpec mxfp4WithCells() {
        return new NumberFormatSpec("mxfp4", 4.25, Set.of("vllm", "tensorrt-llm"), NumberFormatSpec.HardwareNeed.ANY,
                false, List.of(
                new FormatSupport("vllm", "nvidia_hopper", Status.SUPPORTED, "", RECIPE),
                new FormatSupport("vllm", "nvidia_blackwell", Status.SUPPORTED, "", RECIPE),
                new FormatSupport("vllm", "nvidia_ampere", Status.WEIGHT_ONLY, "Marlin MXFP4 MoE, 16-bit math", RECIPE),
                new FormatSupport("vllm", "amd", Status.SUPPORTED, "", RECIPE),
                new FormatSupport("tensorrt-llm", "nvidia", Status.UNSUPPORTED, "no MXFP4 kernels before Blackwell", TRT),
                new FormatSupport("tensorrt-llm", "nvidia_blackwell", Status.SUPPORTED, "", TRT)));
    }

    @Nested
    class MostSpecificCellDecides {

        @Test
        void anArchitectureCellBeatsTheVendorCell() {
            assertEquals(Optional.empty(), Compatibility.check(mxfp4WithCells(), kvFp16(), b200(), tensorRtLlm()));
            Optional<String> r = Compatibility.check(mxfp4WithCells(), kvFp16(), h100Sxm(), tensorRtLlm());
            assertTrue(r.isPresent());
            assertEquals("weight format mxfp4 is not supported by tensorrt-llm on h100-sxm (NVIDIA Hopper): "
                    + "no MXFP4 kernels before Blackwell (source: " + TRT + ")", r.get());
        }

        @Test
        void aVendorCellCoversEveryArchitectureOfTheVendor() {
            assertEquals(Optional.empty(), Compatibility.check(mxfp4WithCells(), kvFp16(), mi300x(), vllm()));
        }

        @Test
        void hardwareWithoutACellIsNotDocumentedAndSaysWhereItIs() {
            Optional<String> r = Compatibility.check(mxfp4WithCells(), kvFp16(), l40s(), vllm());
            assertTrue(r.isPresent());
            assertTrue(r.get().startsWith("weight format mxfp4 with vllm is not documented to run on l40s (NVIDIA Ada)"),
                    r.get());
            assertTrue(r.get().contains(RECIPE), r.get());
            assertTrue(r.get().contains("documented on NVIDIA Hopper, NVIDIA Blackwell, NVIDIA Ampere, any AMD"), r.get());
        }
    }

    @Nested
    class WeightOnly {

        @Test
        void aWeightOnlyCellRunsAndTheAnswerSaysSo() {
            MemoryInput in = input(gptOss20b(), mxfp4WithCells(), null, a100Sxm80(), vllm(), chat2048x256(),
                    Parallelism.single(), ServingSetup.defaults());
            assertEquals(Optional.empty(), Compatibility.check(in));
            assertEquals(List.of("weight format mxfp4 runs weight-only on a100-80gb-sxm with vllm: Marlin MXFP4 MoE, "
                    + "16-bit math (source: " + RECIPE + ")"), Compatibility.notes(in));
            assertTrue(MemoryModel.evaluate(in).warnings().contains(Compatibility.notes(in).get(0)));
        }
    }

    @Test
    void aFormatWithoutCellsForTheFrameworkFallsBackToItsOwnColumns() {
        // fixtures' fp8 has no cells: the per-format hardware need still refuses Ampere
        assertTrue(Compatibility.check(fp8(), kvFp16(), a100Sxm80(), vllm()).orElseThrow().contains("native FP8"));
        // mxfp4WithCells has no cells for llama.cpp and does not list it among its frameworks
        assertTrue(Compatibility.check(mxfp4WithCells(), kvFp16(), h100Sxm(), llamaCpp()).orElseThrow()
                .contains("not loadable by llama.cpp"));
    }

    @Test
    void theFrameworkVendorRefusalNamesItsSource() {
        var fw = new io.inferplan.engine.spec.FrameworkSpec("tensorrt-llm",
                Set.of(io.inferplan.engine.spec.Architecture.Vendor.NVIDIA), true, true,
                io.inferplan.engine.spec.FrameworkSpec.PrefixCache.HASHED_BLOCKS, true, true, true, TRT);
        assertTrue(Compatibility.check(bf16(), kvFp16(), mi300x(), fw).orElseThrow().endsWith("(source: " + TRT + ")"));
    }
}
