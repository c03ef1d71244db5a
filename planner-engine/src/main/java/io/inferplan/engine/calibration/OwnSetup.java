package io.inferplan.engine.calibration;

import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.EfficiencyProfile.MetricGroup;
import io.inferplan.engine.speed.EfficiencyProfileCsv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the own-setup study measured (data, written by {@code OwnSetupStudyTest}): how much a user's own rows should
 * weigh against the shipped fit, and how far held-out rows of the same setup fall from the refit's prediction.
 *
 * <p>The study replays "bring your own benchmark" on the corpus: for each publisher, a fit that never saw it stands
 * in for the shipped fit; for each of that publisher's setups (framework, model, weight format, accelerator and
 * count) with three rows or more, one or two of its rows are the user's upload, and the setup's other rows are
 * predicted by the refit. The row weight is the candidate with the lowest held-out median error; the bands are the
 * 10th–90th percentiles of measured ÷ predicted on those held-out rows, per metric group and number of own rows.
 *
 * @param rowWeight how many times each own row counts in the refit (1 = as a corpus row)
 * @param bands     "own1.throughput", "own2.ttft", … → {low, high}; "base1.…", "base2.…" for the same held-out
 *                  rows before the refit
 * @param basis     the study's one-line summary, quoted where the bands are used
 */
public record OwnSetup(int rowWeight, Map<String, double[]> bands, String basis) {

    public static final String RESOURCE = "/io/inferplan/engine/calibration/own-setup.csv";
    private static volatile OwnSetup shipped;

    /** Without a study: own rows weigh like corpus rows and no own-setup band is known. */
    public static final OwnSetup NONE = new OwnSetup(1, Map.of(), "no own-setup study");

    public OwnSetup {
        bands = Map.copyOf(bands);
    }

    /** The band after refitting on {@code ownRows} rows of the setup (two or more use the two-row band). */
    public Optional<double[]> band(MetricGroup group, int ownRows) {
        return Optional.ofNullable(bands.get(key("own", group, ownRows)));
    }

    /** The band of the same held-out rows before the refit (the fit that never saw their publisher). */
    public Optional<double[]> bandWithoutOwnRows(MetricGroup group, int ownRows) {
        return Optional.ofNullable(bands.get(key("base", group, ownRows)));
    }

    private static String key(String prefix, MetricGroup group, int ownRows) {
        return prefix + Math.min(2, Math.max(1, ownRows)) + "." + group.name().toLowerCase(Locale.ROOT);
    }

    /** The shipped study (or {@link #NONE} when the resource is absent). */
    public static OwnSetup shipped() {
        OwnSetup s = shipped;
        if (s == null) {
            InputStream in = OwnSetup.class.getResourceAsStream(RESOURCE);
            if (in == null) {
                s = NONE;
            } else {
                try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                    s = read(r, RESOURCE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            shipped = s;
        }
        return s;
    }

    /**
     * Reads the study: the profile CSV's {@code kind,key,value} rows ({@link EfficiencyProfileCsv}), with
     * {@code count} rows for the row weight and the study's size and {@code band} rows for the bands.
     */
    static OwnSetup read(Reader in, String name) throws IOException {
        EfficiencyProfile p = EfficiencyProfileCsv.read(in, name);
        Map<String, Integer> c = p.rowCounts();
        int weight = c.getOrDefault("row_weight", 1);
        if (weight < 1) {
            throw new IllegalArgumentException(name + ": row_weight must be at least 1, was " + weight);
        }
        String basis = String.format(Locale.ROOT, "own-setup study of %s: %d held-out rows of %d setups from %d "
                + "publishers, row weight %d", p.fittedOn(), c.getOrDefault("held_out_rows", 0),
                c.getOrDefault("setups", 0), c.getOrDefault("publishers", 0), weight);
        return new OwnSetup(weight, p.bands(), basis);
    }
}
