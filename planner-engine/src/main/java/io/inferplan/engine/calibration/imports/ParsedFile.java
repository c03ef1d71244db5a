package io.inferplan.engine.calibration.imports;

import java.util.List;

/**
 * A benchmark file read into runs, and the parts of it that hold no run the engine can model (a combined
 * prompt+generation test, a trace replay, a run where no request completed), each with the reason.
 */
public record ParsedFile(List<BenchmarkRun> runs, List<Unused> unused) {

    public ParsedFile {
        runs = List.copyOf(runs);
        unused = List.copyOf(unused);
    }

    /** A part of the file that was read but not turned into measurement rows. */
    public record Unused(String where, String reason) {
    }
}
