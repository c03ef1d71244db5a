package io.inferplan.catalog.coldstart;

import io.inferplan.catalog.coldstart.ColdStartController.ColdStartReference;
import io.inferplan.catalog.coldstart.ColdStartFacts.LoadBandwidth;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class ColdStartHttpTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Inject
    ColdStartCatalog catalog;

    private ColdStartReference reference() {
        return client.toBlocking().retrieve("/api/v1/cold-start", ColdStartReference.class);
    }

    @Test
    void everyRowIsServedWithItsSourceAndDate() {
        ColdStartReference r = reference();
        List<LoadBandwidth> all = Stream.concat(r.storage().stream(), r.network().stream()).toList();
        assertEquals(7, all.size());
        assertTrue(all.stream().allMatch(b -> b.sourceUrl().startsWith("https://") && b.asOf() != null && b.readGBps() > 0));
        assertTrue(r.storage().stream().allMatch(b -> b.kind().equals("storage")));
        assertTrue(r.network().stream().allMatch(b -> b.kind().equals("network")));
        assertEquals(1, r.scaleDown().size());
    }

    @Test
    void theDefaultsAreADatacentreSsdAndAMeasuredObjectStoreDownload() {
        // Samsung PM9A3 U.2: 6,500 MB/s sequential read; S3 → p3dn.24xlarge measured 6,269 MB/s
        assertEquals("nvme-gen4-u2-pm9a3", catalog.defaultBandwidth(ColdStartFacts.STORAGE).id());
        assertEquals(6.5, catalog.defaultBandwidth(ColdStartFacts.STORAGE).readGBps());
        assertEquals("aws-s3-to-p3dn-measured", catalog.defaultBandwidth(ColdStartFacts.NETWORK).id());
        assertEquals(6.269, catalog.defaultBandwidth(ColdStartFacts.NETWORK).readGBps());
    }

    @Test
    void unitsAreConvertedOnce() {
        // gp3 baseline 125 MiB/s = 125 × 1,048,576 B/s = 0.131072 GB/s; 5 Gbps ÷ 8 = 0.625 GB/s
        assertEquals(0.131072, catalog.bandwidth("storage", "aws-ebs-gp3-baseline").orElseThrow().readGBps(), 1e-12);
        assertEquals(0.625, catalog.bandwidth("network", "aws-ec2-single-flow").orElseThrow().readGBps(), 1e-12);
        assertTrue(catalog.bandwidth("network", "aws-ebs-gp3-baseline").isEmpty(), "a storage id is not a network leg");
    }

    @Test
    void theScaleDownDelayIsKubernetesHpasStabilisationWindow() {
        assertEquals(300.0, catalog.defaultScaleDown().scaleDownDelaySeconds());
        assertEquals("kubernetes-hpa-v2", catalog.defaultScaleDown().id());
    }
}
