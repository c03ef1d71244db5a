/**
 * InferPlan's memory model (issue "Engine I"): how much memory a plan needs and how many requests fit.
 *
 * <p>Entry point {@link io.inferplan.engine.memory.MemoryModel#evaluate(MemoryInput)} →
 * {@link io.inferplan.engine.memory.MemoryEstimate}; check {@link io.inferplan.engine.memory.Compatibility} first.
 * One class per concern, each quantity with its formula and source in its Javadoc:
 * <ul>
 * <li>{@link io.inferplan.engine.memory.WeightModel}, {@link io.inferplan.engine.memory.TensorInventory},
 *     {@link io.inferplan.engine.memory.GgufQuantRules}, {@link io.inferplan.engine.memory.GgufType}: weights per
 *     tensor, llama.cpp's K-quant mixes, reconciliation with published parameter counts;</li>
 * <li>{@link io.inferplan.engine.memory.KvCacheModel}: KV bytes per token (MHA/GQA/MQA, MLA, sliding windows,
 *     quantized KV), tensor/pipeline split and KV-head replication;</li>
 * <li>{@link io.inferplan.engine.memory.KvAllocation}: naive vs paged vs shared-prefix concurrency, KV-growth curve;</li>
 * <li>{@link io.inferplan.engine.memory.FrameworkDefaults}, {@link io.inferplan.engine.memory.ServingResolver}:
 *     framework defaults by version (resource {@code io/inferplan/engine/framework-defaults.csv});</li>
 * <li>{@link io.inferplan.engine.memory.RuntimeOverhead}: CUDA context, activation workspace, CUDA graphs;</li>
 * <li>{@link io.inferplan.engine.memory.Sharding}: weights per accelerator;</li>
 * <li>{@link io.inferplan.engine.memory.AcceleratorMemory}: capacity (marketed GB read as JEDEC GB = GiB).</li>
 * </ul>
 * Units: bytes as {@code double} inside the engine, GiB = 2^30 B at the contract fields.
 */
package io.inferplan.engine.memory;
