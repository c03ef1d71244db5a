package io.inferplan.plan.calibration;

import io.inferplan.engine.calibration.imports.ImportedRows;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a model name as benchmark files write it — a Hugging Face repo id ({@code meta-llama/Llama-3.1-8B-Instruct})
 * or a GGUF path ({@code models/Qwen2.5-7B-Instruct-Q4_K_M.gguf}) — as a catalog model id, when exactly one catalog
 * model matches. Names are compared without directory, {@code .gguf}, shard and quantization suffixes, and without
 * the fine-tune suffixes ({@code -Instruct}, {@code -Chat}, {@code -it}, {@code -HF}) that do not change the
 * architecture; against each catalog model's id and its Hugging Face repo. Anything else is left to {@code model=}.
 */
final class CatalogModelNames implements ImportedRows.ModelNames {

    private static final Pattern SHARD = Pattern.compile("-\\d{5}-of-\\d{5}$");
    private static final Pattern QUANT = Pattern.compile(
            "[-.](i?q\\d(_[a-z0-9]+)*|f16|bf16|fp16|f32|fp8|awq|gptq(-int4)?|mxfp4)$");
    private static final Pattern TUNE = Pattern.compile("-(instruct|chat|it|hf|base)$");

    /** catalog model id → its Hugging Face repo (may be null). */
    private final Map<String, String> models;

    CatalogModelNames(Map<String, String> idToHfRepo) {
        this.models = idToHfRepo;
    }

    @Override
    public Optional<String> idOf(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        String wanted = normal(raw);
        Set<String> hits = new LinkedHashSet<>();
        models.forEach((id, repo) -> {
            if (normal(id).equals(wanted) || (repo != null && normal(repo).equals(wanted))) {
                hits.add(id);
            }
        });
        return hits.size() == 1 ? Optional.of(hits.iterator().next()) : Optional.empty();
    }

    /** The comparable core of a model name: last path segment, lower case, no file, shard, quant or tune suffix. */
    static String normal(String name) {
        String s = name.trim().replace('\\', '/');
        s = s.substring(s.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (s.endsWith(".gguf")) {
            s = s.substring(0, s.length() - 5);
        }
        s = SHARD.matcher(s).replaceAll("");
        s = QUANT.matcher(s).replaceAll("");
        for (String before = ""; !before.equals(s); ) {
            before = s;
            s = TUNE.matcher(s).replaceAll("");
        }
        return s.startsWith("meta-llama") ? s.substring("meta-".length()) : s;
    }
}
