package io.inferplan.plan.calibration;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Duration;

/**
 * Bounds on creating a calibration profile (it writes to the database and runs a fit):
 * <ul>
 *   <li>{@code inferplan.calibration.max-body-bytes} (default 1 MiB, the server's request limit): the benchmark files
 *       of the supported tools are a few kB each; a GuideLLM report that keeps every request's prompt and output is
 *       the one that grows (run it with {@code --metrics kind=generative,sample_size=0} or strip
 *       {@code benchmarks[].requests}). It cannot exceed {@code micronaut.server.max-request-size}, which refuses
 *       bigger bodies first.</li>
 *   <li>{@code inferplan.calibration.max-rows} (default 1,000 measurement rows after reading the file): more than
 *       the shipped corpus's 858 modelled rows; a user refit is about one's own setup, and the fit's time grows with
 *       the rows (each own row counts up to 32 times, capped at 2,000 weighted rows: about 1 s per LM iteration at
 *       that size on one core, so a 1,000-row upload still gets a few iterations before the deadline).</li>
 *   <li>{@code inferplan.calibration.fit-deadline} (default 10 s): the fit stops with its best point so far.</li>
 * </ul>
 */
@Singleton
public class CalibrationLimits {

    private final int maxBodyBytes;
    private final int maxRows;
    private final Duration fitDeadline;

    public CalibrationLimits(@Value("${inferplan.calibration.max-body-bytes:1048576}") int maxBodyBytes,
                             @Value("${inferplan.calibration.max-rows:1000}") int maxRows,
                             @Value("${inferplan.calibration.fit-deadline:10s}") Duration fitDeadline) {
        if (maxBodyBytes < 1 || maxRows < 1 || fitDeadline.isNegative() || fitDeadline.isZero()) {
            throw new IllegalArgumentException("inferplan.calibration: max-body-bytes and max-rows must be at least 1, "
                    + "fit-deadline positive; got " + maxBodyBytes + ", " + maxRows + ", " + fitDeadline);
        }
        this.maxBodyBytes = maxBodyBytes;
        this.maxRows = maxRows;
        this.fitDeadline = fitDeadline;
    }

    public int maxBodyBytes() {
        return maxBodyBytes;
    }

    public int maxRows() {
        return maxRows;
    }

    public Duration fitDeadline() {
        return fitDeadline;
    }
}
