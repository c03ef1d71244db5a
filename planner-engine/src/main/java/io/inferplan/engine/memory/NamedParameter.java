package io.inferplan.engine.memory;

/**
 * One framework default or engine constant the answer used, with its unit and source, so every number in a
 * memory estimate can be traced.
 *
 * @param name      the framework's own name for the setting (e.g. {@code gpu_memory_utilization})
 * @param value     the value used, as text
 * @param unit      unit or meaning of the value
 * @param sourceUrl where the default is documented (pinned commit where possible); "user" when given by the user
 * @param note      how it applies (base of a fraction, the condition that selected it, …)
 */
public record NamedParameter(String name, String value, String unit, String sourceUrl, String note) {
}
