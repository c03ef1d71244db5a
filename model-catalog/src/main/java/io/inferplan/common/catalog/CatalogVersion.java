package io.inferplan.common.catalog;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * The catalog's version: a hash of every entry of every catalog, so it changes whenever an entry is added,
 * changed or removed, and is the same on every replica reading the same database. Recomputed only when
 * {@code catalog_change} has grown (one cheap query per call).
 */
@Singleton
public class CatalogVersion {

    private final List<CatalogSection> sections;
    private final ChangeLog changeLog;
    private volatile Cached cached = new Cached("", "");

    public CatalogVersion(List<CatalogSection> sections, ChangeLog changeLog) {
        this.sections = sections.stream().sorted(Comparator.comparing(CatalogSection::name)).toList();
        this.changeLog = changeLog;
    }

    public String current() {
        String stamp = changeLog.stamp();
        Cached c = cached;
        if (!c.stamp.equals(stamp)) {
            c = new Cached(stamp, hash());
            cached = c;
        }
        return c.version;
    }

    private String hash() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (CatalogSection section : sections) {
                digest.update(section.name().getBytes(StandardCharsets.UTF_8));
                for (CatalogRow row : section.all()) {
                    digest.update(row.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            return "cat-" + HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private record Cached(String stamp, String version) {
    }
}
