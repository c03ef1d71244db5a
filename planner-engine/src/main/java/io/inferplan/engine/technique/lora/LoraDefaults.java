package io.inferplan.engine.technique.lora;

import io.inferplan.engine.technique.TechniqueCsv;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Frameworks' LoRA defaults ({@code lora-defaults.csv}, read from their configuration code). */
public final class LoraDefaults {
    private static final LoraDefaults SHIPPED = new LoraDefaults(TechniqueCsv.read("lora-defaults.csv", "framework",
            "max_loras_per_batch", "max_cpu_loras", "max_lora_rank", "source_url", "as_of").stream()
            .collect(Collectors.toUnmodifiableMap(r -> r.required("framework"), LoraDefaults::entry)));

    /** @param maxCpuLoras null when the framework has no host cache of its own figure (then = maxLorasPerBatch) */
    public record Entry(String framework, int maxLorasPerBatch, Integer maxCpuLoras, Integer maxLoraRank,
                        String sourceUrl) {
    }

    private final Map<String, Entry> byFramework;

    private LoraDefaults(Map<String, Entry> byFramework) {
        this.byFramework = byFramework;
    }

    public static LoraDefaults shipped() {
        return SHIPPED;
    }

    public Optional<Entry> of(String framework) {
        return Optional.ofNullable(byFramework.get(framework));
    }

    private static Entry entry(TechniqueCsv.Row r) {
        double cpu = r.number("max_cpu_loras");
        double rank = r.number("max_lora_rank");
        return new Entry(r.required("framework"), (int) r.number("max_loras_per_batch"),
                Double.isNaN(cpu) ? null : (int) cpu, Double.isNaN(rank) ? null : (int) rank, r.required("source_url"));
    }
}
