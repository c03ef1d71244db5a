package io.inferplan.engine.technique.disagg;

import io.inferplan.engine.technique.TechniqueCsv;

import java.util.List;
import java.util.Optional;

/**
 * The links a prefill pool can send KV caches to a decode pool over ({@code kv-links.csv}): NVLink inside a node,
 * InfiniBand / RoCE / Ethernet NICs between nodes, PCIe. Bandwidth per accelerator and one direction, from the
 * vendor's figure; latency where a measurement is published (empty = none found: the transfer is then timed by
 * bandwidth alone, and the answer says so).
 */
public final class KvLinks {
    static final String FILE = "kv-links.csv";
    private static final KvLinks SHIPPED = new KvLinks(TechniqueCsv.read(FILE, "id", "name", "kind",
            "bandwidth_gbps_per_direction", "latency_us", "source_url", "as_of").stream().map(KvLinks::link).toList());

    private final List<KvLink> links;

    /**
     * @param bytesPerSecond one direction, per accelerator (each sends its shard of the KV over its own link or NIC)
     * @param latencySeconds one transfer's fixed latency; NaN when no source was found
     */
    public record KvLink(String id, String name, String kind, double bytesPerSecond, double latencySeconds,
                         String sourceUrl, String asOf) {

        /**
         * Links one request's KV crosses in parallel: each of the ranks the two pools share sends its shard over its
         * own NVLink or NIC; an Ethernet NIC is one per node, shared.
         */
        public int parallelLinks(int prefillTensorParallel, int decodeTensorParallel) {
            return "ethernet".equals(kind) ? 1 : Math.max(1, Math.min(prefillTensorParallel, decodeTensorParallel));
        }

        /** Time to move {@code bytes} split evenly over {@code parallelLinks} links, seconds. */
        public double transferSeconds(double bytes, int parallelLinks) {
            double latency = Double.isNaN(latencySeconds) ? 0 : latencySeconds;
            return latency + bytes / (bytesPerSecond * Math.max(1, parallelLinks));
        }
    }

    private KvLinks(List<KvLink> links) {
        this.links = links;
    }

    public static KvLinks shipped() {
        return SHIPPED;
    }

    public List<KvLink> all() {
        return links;
    }

    public Optional<KvLink> get(String id) {
        return links.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    public List<String> ids() {
        return links.stream().map(KvLink::id).toList();
    }

    private static KvLink link(TechniqueCsv.Row r) {
        double gbps = r.number("bandwidth_gbps_per_direction");
        if (!(gbps > 0)) {
            throw r.fail("bandwidth_gbps_per_direction", "must be a sourced bandwidth > 0");
        }
        double us = r.number("latency_us");
        return new KvLink(r.required("id"), r.required("name"), r.required("kind"), gbps * 1e9,
                Double.isNaN(us) ? Double.NaN : us * 1e-6, r.required("source_url"), r.required("as_of"));
    }
}
