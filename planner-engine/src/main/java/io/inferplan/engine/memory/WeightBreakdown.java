package io.inferplan.engine.memory;

import java.util.List;

/**
 * Where the bytes of one copy of the model's weights go.
 *
 * @param tensors            every tensor group with its storage type
 * @param derivedParameters  parameters counted from the architecture fields (per tensor)
 * @param catalogParameters  the published total ({@code ModelSpec.totalParameters})
 * @param notes              how derived and published counts were reconciled, formats that fell back, …
 */
public record WeightBreakdown(List<TensorGroup> tensors, double derivedParameters, double catalogParameters,
                              List<String> notes) {

    public WeightBreakdown {
        tensors = List.copyOf(tensors);
        notes = List.copyOf(notes);
    }

    /** Σ tensor bytes. */
    public double totalBytes() {
        return tensors.stream().mapToDouble(TensorGroup::bytes).sum();
    }

    public double totalGiB() {
        return Units.gib(totalBytes());
    }

    /** Σ tensor parameters (the published total after reconciliation). */
    public double parameters() {
        return tensors.stream().mapToDouble(TensorGroup::parameters).sum();
    }

    /** totalBytes × 8 / parameters: the whole-file bits per weight llama-quantize prints. */
    public double effectiveBitsPerWeight() {
        return totalBytes() * 8.0 / parameters();
    }

    public double bytesOf(TensorGroup.Kind kind) {
        return tensors.stream().filter(t -> t.kind() == kind).mapToDouble(TensorGroup::bytes).sum();
    }
}
