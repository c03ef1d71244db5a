package io.inferplan.engine.speed;

import io.inferplan.engine.calibration.ReferenceCatalog;
import io.inferplan.engine.memory.MemoryInput;
import io.inferplan.engine.memory.MemoryModel;
import io.inferplan.engine.spec.AcceleratorSpec;
import io.inferplan.engine.spec.FrameworkSpec;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.NumberFormatSpec;
import io.inferplan.engine.spec.Parallelism;
import io.inferplan.engine.spec.ServingSetup;

/** Named fixture builders over the reference catalogs. */
public final class Fixture {
    public static final ReferenceCatalog C = ReferenceCatalog.get();

    private Fixture() {
    }

    public static ModelSpec model(String id) {
        return C.models.get(id);
    }

    public static AcceleratorSpec acc(String id) {
        return C.accelerators.get(id);
    }

    public static NumberFormatSpec weights(String id) {
        return C.weightFormats.get(id);
    }

    public static NumberFormatSpec kv(String id) {
        return C.kvFormats.get(id);
    }

    public static FrameworkSpec fw(String id) {
        return C.frameworks.get(id);
    }

    /** A plan evaluated by the memory model first (the production path). */
    public static SpeedInput plan(String model, String weights, String kv, String acc, int tp, String fw,
                           SpeedWorkload w, ServingSetup serving) {
        MemoryInput mi = new MemoryInput(model(model), weights(weights), kv == null ? null : kv(kv), acc(acc), fw(fw),
                w.toSpec(), new Parallelism(tp, 1, 1), serving);
        return SpeedInput.from(mi, MemoryModel.evaluate(mi));
    }

    /** Efficiencies with no overheads, for hand-worked roofline facts. */
    public static Efficiency pureRoofline(double bandwidthFraction, double computeFraction) {
        return new Efficiency(bandwidthFraction, computeFraction, computeFraction, 0, 0, 0, 0, 1.0, 100, 0, 1.0, 0, 0);
    }
}
