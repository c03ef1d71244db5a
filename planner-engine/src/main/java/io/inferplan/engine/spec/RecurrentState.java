package io.inferplan.engine.spec;

/**
 * Layers that keep a constant-size state per sequence instead of a KV cache that grows with the context: the Mamba-2
 * layers of Nemotron-H and the Gated DeltaNet (linear-attention) layers of Qwen3-Next. Per layer and sequence the
 * state is a short convolution window plus the recurrent state, shaped as vLLM allocates them
 * ({@code mamba2_state_shape} / {@code gated_delta_net_state_shape} in vllm/model_executor/layers/mamba/mamba_utils.py):
 * <ul>
 * <li>Mamba-2: conv (conv_kernel − 1) × (heads × head_dim + 2 × n_groups × state_size); SSM heads × head_dim ×
 *     state_size;</li>
 * <li>Gated DeltaNet: conv (conv_kernel − 1) × (2 × key_heads × key_head_dim + value_heads × value_head_dim);
 *     recurrent value_heads × key_head_dim × value_head_dim.</li>
 * </ul>
 *
 * @param layers            layers with such a state
 * @param convStateElements convolution-state elements per layer and sequence (stored in the model dtype, 16 bits)
 * @param ssmStateElements  recurrent-state elements per layer and sequence
 * @param ssmStateBits      bits per recurrent-state element: 16 (model dtype) or 32 when the config asks for a float32
 *                          cache ({@code mamba_ssm_cache_dtype})
 */
public record RecurrentState(int layers, long convStateElements, long ssmStateElements, int ssmStateBits) {

    /** Bits of a convolution-state element: the model dtype (bf16). */
    public static final int CONV_STATE_BITS = 16;

    public RecurrentState {
        ModelSpec.require(layers > 0, "recurrentLayers", "must be > 0 layers");
        ModelSpec.require(convStateElements >= 0, "recurrentConvStateElements", "must be >= 0 elements");
        ModelSpec.require(ssmStateElements > 0, "recurrentSsmStateElements", "must be > 0 elements");
        ModelSpec.require(ssmStateBits == 16 || ssmStateBits == 32, "recurrentSsmStateBits", "must be 16 or 32 bits");
    }

    /** Bytes of one layer's state for one sequence: conv × 2 B + SSM × bits / 8. */
    public double bytesPerLayer() {
        return convStateElements * (CONV_STATE_BITS / 8.0) + ssmStateElements * (ssmStateBits / 8.0);
    }

    /** Bytes of the whole model's recurrent state for one sequence: layers × {@link #bytesPerLayer()}. */
    public double bytesPerSequence() {
        return layers * bytesPerLayer();
    }
}
