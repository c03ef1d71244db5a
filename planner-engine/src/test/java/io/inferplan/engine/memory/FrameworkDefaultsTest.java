package io.inferplan.engine.memory;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.StringReader;

import static io.inferplan.engine.memory.Fixtures.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrameworkDefaultsTest {

    private static final String HEADER = "framework,parameter,value,unit,version_from,version_to,memory_gib_from,"
            + "memory_gib_to,tp_from,tp_to,accelerator_includes,accelerator_excludes,source_url,note\n";

    @Nested
    class Loading {

        @Test
        void bundledFileLoadsAndEveryRowHasASource() {
            FrameworkDefaults d = FrameworkDefaults.bundled();
            assertTrue(d.rows().size() > 80);
            assertTrue(d.rows().stream().allMatch(r -> !r.sourceUrl().isBlank()));
        }

        @Test
        void aBadNumberFailsWithFileAndLine() {
            String csv = "# comment\n" + HEADER + "vllm,block_size,16,tokens,,,abc,,,,,,https://x,\n";
            var ex = assertThrows(IllegalArgumentException.class,
                    () -> FrameworkDefaults.parse(new StringReader(csv), "test.csv"));
            assertTrue(ex.getMessage().contains("test.csv line 3"), ex.getMessage());
            assertTrue(ex.getMessage().contains("memory_gib_from"), ex.getMessage());
        }

        @Test
        void aMissingSourceFails() {
            String csv = HEADER + "vllm,block_size,16,tokens,,,,,,,,,,\n";
            var ex = assertThrows(IllegalArgumentException.class,
                    () -> FrameworkDefaults.parse(new StringReader(csv), "test.csv"));
            assertTrue(ex.getMessage().contains("source_url"), ex.getMessage());
        }

        @Test
        void aWrongHeaderFails() {
            assertThrows(IllegalArgumentException.class,
                    () -> FrameworkDefaults.parse(new StringReader("a,b\n1,2\n"), "test.csv"));
        }
    }

    @Nested
    class Selection {

        @ParameterizedTest(name = "vLLM max_num_seqs on {0} = {1}")
        @CsvSource({"h100-sxm, 1024", "a100-80gb-sxm, 256", "l40s, 256", "mi300x, 1024"})
        void vllmMaxNumSeqsDependsOnTheGpu(String acc, int expected) {
            var a = switch (acc) {
                case "h100-sxm" -> h100Sxm();
                case "a100-80gb-sxm" -> a100Sxm80();
                case "l40s" -> l40s();
                default -> mi300x();
            };
            assertEquals(expected, FrameworkDefaults.bundled().require("vllm", "max_num_seqs", "0.11", a, 1).asInt());
        }

        @ParameterizedTest(name = "SGLang chunked_prefill_size on {0} = {1}")
        @CsvSource({"rtx-4090, 2048", "l40s, 4096", "h100-sxm, 8192", "b200, 16384"})
        void sglangChunkTiers(String acc, int expected) {
            var a = switch (acc) {
                case "rtx-4090" -> rtx4090();
                case "l40s" -> l40s();
                case "h100-sxm" -> h100Sxm();
                default -> b200();
            };
            assertEquals(expected,
                    FrameworkDefaults.bundled().require("sglang", "chunked_prefill_size", null, a, 1).asInt());
        }

        @ParameterizedTest(name = "{0} < {1}")
        @CsvSource({"0.6.6, 0.6.7", "0.9.9, 0.10.0", "b7078, b7079", "1.3.0rc27, 1.4", "v0.2.1, 0.2.2"})
        void versionsCompareNumerically(String lower, String higher) {
            assertTrue(FrameworkDefaults.compareVersions(lower, higher) < 0);
            assertTrue(FrameworkDefaults.compareVersions(higher, lower) > 0);
        }
    }
}
