package io.inferplan.engine.calibration;

import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;

import java.util.Optional;
import java.util.function.Function;

/**
 * How calibration turns catalog ids in measurement rows into engine specs. The real catalogs live in other
 * modules; callers pass lookups (tests build them from the reference CSVs).
 */
public record CatalogLookup(Function<String, Optional<ModelSpec>> models,
                            Function<String, Optional<AcceleratorSpec>> accelerators,
                            Function<String, Optional<NumberFormatSpec>> weightFormats,
                            Function<String, Optional<NumberFormatSpec>> kvFormats,
                            Function<String, Optional<FrameworkSpec>> frameworks) {
}
