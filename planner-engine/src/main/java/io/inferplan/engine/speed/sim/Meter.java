package io.inferplan.engine.speed.sim;

/**
 * What the simulation measures, and over which requests. A benchmark run ({@code measureAll}) counts every
 * request and its whole duration, as benchmark clients report. A steady-state run leaves out a warm-up and the
 * drain: the requests with arrival index in [w0, w1), throughput from the tokens generated between the arrivals of
 * request w0 and request w1.
 */
final class Meter {
    private final SimulationSpec spec;
    private final Requests r;
    private final int w0;
    private final int w1;
    final GapHistogram gaps = new GapHistogram();
    int completed;
    double generated;
    long preemptions;
    private long steps;
    private double busySeconds;
    private double idleSeconds;
    private double batchSeconds;
    private double kvSeconds;
    private boolean measuring;
    private double t1 = Double.NaN;
    private double t2 = Double.NaN;
    private double generated1;
    private double generated2;
    private int completed1;
    private int completed2;
    private double midTime = Double.NaN;
    private int midBacklog;
    private double endTime = Double.NaN;
    private int endBacklog;
    private int arrivedCount;

    Meter(SimulationSpec spec, Requests r) {
        this.spec = spec;
        this.r = r;
        int n = r.n;
        if (spec.measureAll()) {
            w0 = 0;
            w1 = n;
            measuring = true;
        } else {
            int warm = spec.arrivals().kind() == Arrivals.Kind.CLOSED_LOOP
                    ? Math.min(spec.arrivals().clients(), n / 4) : n / 10;
            w0 = warm;
            w1 = Math.max(w0 + 1, n - warm);
        }
    }

    /** A request arrived (closed loop: was sent; open: reached the queue). */
    void arrived(int id, double now) {
        arrivedCount++;
        if (!spec.measureAll()) {
            if (id == w0) {
                t1 = now;
                generated1 = generated;
                completed1 = completed;
                measuring = true;
            } else if (id == w1 && w1 < r.n) {
                t2 = now;
                generated2 = generated;
                completed2 = completed;
                measuring = false;
            }
        }
        if (spec.arrivals().kind() == Arrivals.Kind.OPEN) {
            if (id == r.n / 2) {
                midTime = now;
                midBacklog = arrivedCount - completed;
            } else if (id == r.n - 1) {
                endTime = now;
                endBacklog = arrivedCount - completed;
            }
        }
    }

    void completed(int id, double now) {
        completed++;
    }

    void step(double seconds, int decoding, double kvFraction) {
        steps++;
        busySeconds += seconds;
        batchSeconds += decoding * seconds;
        kvSeconds += kvFraction * seconds;
    }

    /** A fast-forwarded stretch of k decode steps; KV occupancy starts at {@code kvStart}, rises by a mean of {@code kvRiseMean}. */
    void stretch(double seconds, long k, int decoding, double kvStart, double kvRiseMean) {
        steps += k;
        busySeconds += seconds;
        batchSeconds += decoding * seconds;
        kvSeconds += (kvStart + kvRiseMean) * seconds;
    }

    void idle(double seconds) {
        idleSeconds += Math.max(0, seconds);
    }

    void gap(double seconds, double count) {
        if (measuring) {
            gaps.add(seconds, count);
        }
    }

    void gapRange(double from, double to, double count) {
        if (measuring) {
            gaps.addRange(from, to, count);
        }
    }

    SimulationResult result(double now) {
        int span = w1 - w0;
        double[] ttft = new double[span];
        double[] tpot = new double[span];
        double[] e2e = new double[span];
        double[] wait = new double[span];
        int n = 0;
        int nt = 0;
        double outTokens = 0;
        double first = Double.POSITIVE_INFINITY;
        double last = 0;
        for (int i = w0; i < w1; i++) {
            ttft[n] = r.firstTokenAt[i] - r.arrival[i];
            e2e[n] = r.finishAt[i] - r.arrival[i];
            wait[n] = Math.max(0, r.admittedAt[i] - r.arrival[i] - spec.requestOverheadSeconds());
            n++;
            if (r.out[i] > 1) {
                tpot[nt++] = (r.finishAt[i] - r.firstTokenAt[i]) / (r.out[i] - 1);
            }
            outTokens += r.out[i];
            first = Math.min(first, r.arrival[i]);
            last = Math.max(last, r.finishAt[i]);
        }
        double outPerSecond;
        double reqPerSecond;
        if (spec.measureAll() || Double.isNaN(t2) || t2 <= t1) {
            outPerSecond = outTokens / (last - first);
            reqPerSecond = n / (last - first);
        } else {
            outPerSecond = (generated2 - generated1) / (t2 - t1);
            reqPerSecond = (completed2 - completed1) / (t2 - t1);
        }
        double growth = Double.isNaN(endTime) || endTime <= midTime ? 0
                : (endBacklog - midBacklog) / (endTime - midTime);
        double total = busySeconds + idleSeconds;
        return new SimulationResult(n, LatencySummary.of(ttft, n), LatencySummary.of(tpot, nt), gaps.summary(),
                LatencySummary.of(e2e, n), LatencySummary.of(wait, n), outPerSecond, reqPerSecond,
                busySeconds > 0 ? batchSeconds / busySeconds : 0, busySeconds > 0 ? kvSeconds / busySeconds : 0,
                total > 0 ? busySeconds / total : 0, preemptions, growth, now, steps);
    }
}
