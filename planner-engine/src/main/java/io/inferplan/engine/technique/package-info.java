/**
 * Serving techniques on top of the speed engine: speculative decoding ({@code speculative}), many LoRA adapters
 * ({@code lora}) and prefill/decode disaggregation ({@code disagg}). Each wraps the step physics in a
 * {@link io.inferplan.engine.speed.physics.StepTime} and runs the same scheduler simulator, so every answer comes from
 * the one place where a step's duration is computed. Their sourced data (default acceptance rates, framework support,
 * network links, tokenizer families) are CSV resources beside this package, each row with its source and date.
 */
package io.inferplan.engine.technique;
