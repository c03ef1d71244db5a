package io.inferplan.common.catalog;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The catalog's version: a hash of every entry of every catalog, so it changes whenever an entry is added,
 * changed or removed, and is the same on every replica reading the same database; with it, the number of entries
 * of each catalog. Both are recomputed only when {@code catalog_change} has grown. That table is looked at on every
 * call (one aggregate over one table), never trusted for a while: another replica's change must show on this
 * replica's next answer, and a time-based recheck would leave a window in which it does not.
 */
@Singleton
public class CatalogVersion {

    private final List<CatalogSection> sections;
    private final ChangeLog changeLog;
    private volatile Counted cached = new Counted("", "", Map.of());

    public CatalogVersion(List<CatalogSection> sections, ChangeLog changeLog) {
        this.sections = sections.stream().sorted(Comparator.comparing(CatalogSection::name)).toList();
        this.changeLog = changeLog;
    }

    public String current() {
        return counted().version();
    }

    /** The current version with the entries per catalog (seeded and custom) at that version. */
    public Counted counted() {
        // The stamp is read before the tables: a change committed in between gives a newer stamp on the next call,
        // which then reads the tables again.
        String stamp = changeLog.stamp();
        Counted c = cached;
        if (!c.stamp.equals(stamp)) {
            c = read(stamp);
            cached = c;
        }
        return c;
    }

    /**
     * A version and its entries per catalog.
     *
     * @param stamp the change table's stamp the version was read at
     */
    public record Counted(String stamp, String version, Map<String, Integer> entries) {
    }

    private Counted read(String stamp) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            Map<String, Integer> entries = new TreeMap<>();
            for (CatalogSection section : sections) {
                digest.update(section.name().getBytes(StandardCharsets.UTF_8));
                List<? extends CatalogRow> rows = section.all();
                for (CatalogRow row : rows) {
                    digest.update(row.toString().getBytes(StandardCharsets.UTF_8));
                }
                entries.put(section.name(), rows.size());
            }
            String version = "cat-" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
            return new Counted(stamp, version, Collections.unmodifiableMap(entries));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
