package io.inferplan.engine.memory;

/**
 * A set of identical weight tensors stored in one number type (e.g. the {@code attn_v} of 16 layers in Q6_K).
 *
 * @param name               GGUF-style tensor name ({@code token_embd}, {@code blk.attn_v}, {@code blk.ffn_down_exps}, …)
 * @param kind               what the tensor does
 * @param count              how many such tensors (layers)
 * @param parametersPerTensor weights in one tensor
 * @param storageType        the number type it is stored in (e.g. {@code Q6_K}, {@code bf16}, {@code fp8})
 * @param bitsPerWeight      effective bits per weight of that type, block scales included
 */
public record TensorGroup(String name, Kind kind, int count, double parametersPerTensor, String storageType,
                          double bitsPerWeight) {

    public double parameters() {
        return count * parametersPerTensor;
    }

    /** parameters × bitsPerWeight / 8. */
    public double bytes() {
        return Units.bytesFromBits(parameters() * bitsPerWeight);
    }

    public enum Kind { EMBEDDING, OUTPUT_HEAD, ATTENTION, FFN, EXPERT_FFN, ROUTER, NORM, UNMODELED }
}
