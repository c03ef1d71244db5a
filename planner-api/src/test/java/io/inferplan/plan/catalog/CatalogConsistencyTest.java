package io.inferplan.plan.catalog;

import io.inferplan.catalog.accelerator.AcceleratorCatalog;
import io.inferplan.catalog.accelerator.AcceleratorRow;
import io.inferplan.catalog.framework.FrameworkCatalog;
import io.inferplan.catalog.framework.FrameworkRow;
import io.inferplan.catalog.kvcacheformat.KvCacheFormatCatalog;
import io.inferplan.catalog.model.ModelCatalog;
import io.inferplan.catalog.model.ModelRow;
import io.inferplan.catalog.support.FormatSupportCatalog;
import io.inferplan.catalog.support.FormatSupportRow;
import io.inferplan.catalog.weightformat.WeightFormatCatalog;
import io.inferplan.catalog.weightformat.WeightFormatEntry;
import io.inferplan.catalog.weightformat.WeightFormatRow;
import io.inferplan.engine.spec.Architecture;
import io.inferplan.engine.spec.GroupLayout;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shipped catalog files agree with one another: every support cell names a real framework, format and hardware
 * selector; each weight format's frameworks column is what its cells say; effective bits equal the format's group
 * layout; documented context extensions and hybrid layers are complete. Reads the seed CSVs, no database.
 */
class CatalogConsistencyTest {

    private final List<FormatSupportRow> cells = FormatSupportCatalog.seedRows();
    private final List<WeightFormatRow> weights = WeightFormatCatalog.seedRows();

    @Test
    void everyCellNamesAFrameworkAFormatAndHardwareThatExist() {
        Set<String> frameworks = ids(FrameworkCatalog.seedRows().stream().map(FrameworkRow::id).toList());
        Set<String> weightIds = ids(weights.stream().map(WeightFormatRow::id).toList());
        Set<String> kvIds = ids(KvCacheFormatCatalog.seedRows().stream().map(r -> r.id()).toList());
        Set<String> selectors = new HashSet<>(Set.of("any"));
        for (Architecture a : Architecture.values()) {
            selectors.add(a.key());
            selectors.add(a.vendor().name().toLowerCase(Locale.ROOT));
        }
        AcceleratorCatalog.seedRows().forEach(r -> selectors.add(r.id()));
        List<String> bad = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (FormatSupportRow c : cells) {
            if (!frameworks.contains(c.framework())) {
                bad.add(c.id() + ": unknown framework");
            }
            if (!(c.formatKind().equals("weight") ? weightIds : kvIds).contains(c.format())) {
                bad.add(c.id() + ": unknown " + c.formatKind() + " format");
            }
            if (!selectors.contains(c.hardware())) {
                bad.add(c.id() + ": unknown hardware selector " + c.hardware());
            }
            if (!seen.add(c.framework() + "|" + c.formatKind() + "|" + c.format() + "|" + c.hardware())) {
                bad.add(c.id() + ": a second cell for the same framework, format and hardware");
            }
            if (!c.id().equals(c.framework() + "." + c.formatKind() + "." + c.format() + "." + c.hardware())) {
                bad.add(c.id() + ": id does not spell framework.kind.format.hardware");
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void eachWeightFormatsFrameworksAreTheFrameworksItsCellsRunOn() {
        List<String> bad = new ArrayList<>();
        for (WeightFormatRow w : weights) {
            Set<String> fromCells = new TreeSet<>();
            cells.stream().filter(c -> c.formatKind().equals("weight") && c.format().equals(w.id())
                    && !c.status().equals("unsupported")).forEach(c -> fromCells.add(c.framework()));
            Set<String> column = new TreeSet<>(WeightFormatEntry.split(w.frameworks()));
            if (!fromCells.isEmpty() && !fromCells.equals(column)) {
                bad.add(w.id() + ": column " + column + " but cells " + fromCells);
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void effectiveBitsAreTheGroupLayoutsBits() {
        List<String> bad = new ArrayList<>();
        for (WeightFormatRow w : weights) {
            if (w.groupSize() == null) {
                continue;
            }
            double layout = new GroupLayout(w.storageBitsPerWeight(), w.groupSize(), w.scaleBitsPerGroup(),
                    w.zeroBitsPerGroup() == null ? 0 : w.zeroBitsPerGroup()).bitsPerWeight();
            if (w.bitsPerWeight() != null && Math.abs(w.bitsPerWeight() - layout) > 1e-9) {
                bad.add(w.id() + ": " + w.bitsPerWeight() + " bits but its layout gives " + layout);
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void documentedExtensionsAndHybridLayersAreComplete() {
        List<String> bad = new ArrayList<>();
        for (ModelRow m : ModelCatalog.seedRows()) {
            if (m.ropeScalingMethod() != null && (m.ropeOriginalContextTokens() == null || m.ropeScaledMaxContextTokens() == null
                    || m.ropeScalingSourceUrl() == null || m.ropeScaledMaxContextTokens() < m.maxContextTokens())) {
                bad.add(m.id() + ": incomplete rope-scaling facts");
            }
            if (m.recurrentLayers() != null && (m.recurrentSsmStateElements() == null || m.kvLayers() == null
                    || m.kvLayers() + m.recurrentLayers() > m.layers())) {
                bad.add(m.id() + ": recurrent layers without state size, or more than the layers");
            }
        }
        assertEquals(List.of(), bad);
    }

    @Test
    void hostMemoryCpusHaveTheirPlatformsChannelsAndSpeed() {
        List<String> bad = new ArrayList<>();
        for (AcceleratorRow a : AcceleratorCatalog.seedRows()) {
            if (a.hostMemory() && (a.memoryChannels() == null || a.memoryTransferRateMTps() == null || a.memoryGB() != null)) {
                bad.add(a.id() + ": a host-memory CPU needs channels and DIMM speed and no fixed memory");
            }
        }
        assertEquals(List.of(), bad);
    }

    private static Set<String> ids(List<String> list) {
        return new HashSet<>(list);
    }
}
