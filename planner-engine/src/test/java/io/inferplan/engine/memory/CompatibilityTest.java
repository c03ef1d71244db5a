package io.inferplan.engine.memory;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.ServingSetup;
import io.inferplan.engine.spec.Workload;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static io.inferplan.engine.memory.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompatibilityTest {

    private static Optional<String> check(NumberFormatSpec w, NumberFormatSpec kv, AcceleratorSpec a, FrameworkSpec f) {
        return Compatibility.check(w, kv, a, f);
    }

    private static void refused(Optional<String> reason, String mentions) {
        assertTrue(reason.isPresent(), "expected a refusal mentioning " + mentions);
        assertTrue(reason.get().contains(mentions), reason.get());
    }

    @Nested
    class HardwareNeeds {

        @Test
        void nvfp4NeedsBlackwell() {
            refused(check(nvfp4(), kvFp16(), h100Sxm(), tensorRtLlm()), "Blackwell");
            assertEquals(Optional.empty(), check(nvfp4(), kvFp16(), b200(), tensorRtLlm()));
        }

        @Test
        void fp8NeedsAdaOrHopper() {
            refused(check(fp8(), kvFp16(), a100Sxm80(), vllm()), "FP8");
            assertEquals(Optional.empty(), check(fp8(), kvFp16(), h100Sxm(), vllm()));
            assertEquals(Optional.empty(), check(fp8(), kvFp16(), l40s(), vllm()));
            assertEquals(Optional.empty(), check(fp8(), kvFp16(), mi300x(), vllm()));
        }
    }

    @Nested
    class FrameworkAndVendor {

        @Test
        void tensorRtLlmOnlyOnNvidia() {
            refused(check(bf16(), kvFp16(), mi300x(), tensorRtLlm()), "NVIDIA");
        }

        @Test
        void vllmDoesNotRunOnApple() {
            refused(check(bf16(), kvFp16(), appleM2Ultra(), vllm()), "APPLE");
        }

        @Test
        void llamaCppRunsOnApple() {
            assertEquals(Optional.empty(), check(ggufQ4KM(), kvQ8_0(), appleM2Ultra(), llamaCpp()));
        }
    }

    @Nested
    class FormatLoadable {

        @Test
        void ggufIsNotLoadableByTensorRtLlm() {
            refused(check(ggufQ4KM(), kvFp16(), h100Sxm(), tensorRtLlm()), "not loadable by tensorrt-llm");
        }

        @Test
        void q8_0KvIsLlamaCppOnly() {
            refused(check(bf16(), kvQ8_0(), h100Sxm(), vllm()), "KV-cache format q8_0");
        }
    }

    @Test
    void evaluateRefusesAnIncompatibleCombinationAndTheReasonIsAvailableFirst() {
        MemoryInput in = input(llama31_8b(), nvfp4(), null, h100Sxm(), vllm(), Workload.singleStream(10, 10),
                Parallelism.single(), ServingSetup.defaults());
        assertTrue(MemoryModel.incompatibility(in).isPresent());
        assertTrue(MemoryModel.fewestAccelerators(in).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> MemoryModel.evaluate(in));
    }
}
