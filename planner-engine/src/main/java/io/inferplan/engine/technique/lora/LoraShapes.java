package io.inferplan.engine.technique.lora;

import io.inferplan.engine.spec.AttentionKind;
import io.inferplan.engine.spec.ModelSpec;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A LoRA adapter's size from the model's shapes. Each adapted linear layer W (in → out) gains A (in × r) and
 * B (r × out): r × (in + out) parameters per layer (Hu et al. 2021, arXiv:2106.09685, §4). The modules are the
 * Hugging Face names PEFT and the serving frameworks use:
 * q_proj (hidden → heads·headDim), k_proj and v_proj (hidden → kvHeads·headDim), o_proj (heads·headDim → hidden),
 * gate_proj and up_proj (hidden → intermediate), down_proj (intermediate → hidden). For an MoE model the MLP modules
 * are counted once per layer at the expert width (adapters on every expert are not modelled).
 */
public final class LoraShapes {
    /** Every module name accepted in {@code serving.lora.targetModules}. */
    public static final List<String> MODULES = List.of("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj",
            "down_proj");
    /** PEFT's default targets for Llama-architecture models (peft/utils/constants.py). */
    public static final List<String> PEFT_DEFAULT = List.of("q_proj", "v_proj");

    private LoraShapes() {
    }

    /** r × (in + out) summed over the target modules, for one layer. */
    public static double parametersPerLayer(ModelSpec m, int rank, Set<String> modules) {
        double sum = 0;
        for (String module : modules) {
            int[] io = inOut(m, module);
            sum += (double) rank * (io[0] + io[1]);
        }
        return sum;
    }

    /** One adapter's parameters over all layers. */
    public static double parameters(ModelSpec m, int rank, Set<String> modules) {
        return parametersPerLayer(m, rank, modules) * m.layers();
    }

    /** in and out features of one module. */
    static int[] inOut(ModelSpec m, String module) {
        int h = m.hiddenSize();
        int q = m.attentionHeads() * m.headDim();
        int kv = m.kvHeads() * m.headDim();
        if (m.attention() == AttentionKind.MLA) {
            kv = m.mlaKvLoraRank() + m.mlaQkRopeHeadDim(); // MLA's compressed KV projection
        }
        switch (module.toLowerCase(Locale.ROOT)) {
            case "q_proj":
                return new int[] {h, q};
            case "k_proj":
            case "v_proj":
                return new int[] {h, kv};
            case "o_proj":
                return new int[] {q, h};
            case "gate_proj":
            case "up_proj":
                return new int[] {h, m.intermediateSize()};
            case "down_proj":
                return new int[] {m.intermediateSize(), h};
            default:
                throw new IllegalArgumentException("targetModules: unknown module '" + module + "'; allowed "
                        + String.join(", ", MODULES));
        }
    }
}
