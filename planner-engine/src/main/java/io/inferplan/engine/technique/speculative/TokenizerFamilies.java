package io.inferplan.engine.technique.speculative;

import io.inferplan.engine.technique.TechniqueCsv;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which tokenizer each catalog model uses ({@code tokenizer-families.csv}). A draft model must propose token ids the
 * target reads the same way: vLLM, SGLang and TensorRT-LLM verify draft ids directly, so a draft of another tokenizer
 * family is refused rather than planned (it would run and produce nonsense, as users have reported).
 */
public final class TokenizerFamilies {
    static final String FILE = "tokenizer-families.csv";
    private static final TokenizerFamilies SHIPPED = new TokenizerFamilies(TechniqueCsv.read(FILE, "model",
            "tokenizer_family", "vocab_size", "source_url", "as_of").stream()
            .collect(Collectors.toUnmodifiableMap(r -> r.required("model"), TokenizerFamilies::entry)));

    private final Map<String, Entry> byModel;

    /** @param vocabSize the model's config.json vocab_size (embedding rows; padded sizes differ within a family) */
    public record Entry(String model, String tokenizerFamily, int vocabSize, String sourceUrl) {
    }

    private TokenizerFamilies(Map<String, Entry> byModel) {
        this.byModel = byModel;
    }

    public static TokenizerFamilies shipped() {
        return SHIPPED;
    }

    public Optional<Entry> of(String modelId) {
        return Optional.ofNullable(byModel.get(modelId));
    }

    private static Entry entry(TechniqueCsv.Row r) {
        return new Entry(r.required("model"), r.required("tokenizer_family"), (int) r.number("vocab_size"),
                r.required("source_url"));
    }
}
