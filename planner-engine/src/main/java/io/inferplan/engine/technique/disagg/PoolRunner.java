package io.inferplan.engine.technique.disagg;

import io.inferplan.engine.memory.KvCacheModel;
import io.inferplan.engine.speed.Efficiency;
import io.inferplan.engine.speed.EfficiencyProfile;
import io.inferplan.engine.speed.RawPrediction;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.SpeedInput;
import io.inferplan.engine.speed.SpeedModel;
import io.inferplan.engine.speed.TechniquePath;
import io.inferplan.engine.speed.WorkloadMode;
import io.inferplan.engine.speed.policy.SchedulerPolicy;
import io.inferplan.engine.technique.disagg.KvLinks.KvLink;

/**
 * The two pools of a disaggregated deployment, each simulated on its own at a given request rate.
 * <ul>
 * <li>Prefill pool: its instances run the prompts with one output token each (the first token), the framework's own
 *     scheduler and the plan's product path.</li>
 * <li>Decode pool: its instances receive each prompt's KV over the link ({@link DecodePoolStep}: admission computes
 *     nothing, no prefill chunk ever shares a step with the decodes; the token budget does not limit the KV that
 *     arrives), and decode the remaining tokens. Its request overhead is already paid on the prefill side.</li>
 * <li>The link: the prompt's KV, input tokens × KV bytes per token (all layers), split over the
 *     min(prefill, decode) tensor-parallel ranks that send in parallel ({@link KvLink#transferSeconds}); not
 *     overlapped with the prefill (TensorRT-LLM overlaps across requests and plans layer-wise overlap: an upper
 *     bound).</li>
 * </ul>
 */
final class PoolRunner {
    final SpeedInput prefill;
    final SpeedInput decode;
    final KvLink link;
    private final Efficiency prefillEfficiency;
    private final Efficiency decodeEfficiency;
    private final double saturatedPrefill;
    private final double saturatedDecode;

    /** @param prefill the prefill pool (replicas = its instances), @param decode the decode pool likewise */
    PoolRunner(SpeedInput prefill, SpeedInput decode, KvLink link, EfficiencyProfile profile) {
        this.prefill = prefill;
        this.decode = decode;
        this.link = link;
        this.prefillEfficiency = SpeedModel.efficiency(prefill, profile);
        Efficiency e = SpeedModel.efficiency(decode, profile);
        this.decodeEfficiency = new Efficiency(e.bandwidthFraction(), e.decodeComputeFraction(),
                e.prefillComputeFraction(), e.stepOverheadSeconds(), 0, e.allReduceLatencyNvlinkSeconds(),
                e.allReduceLatencyPcieSeconds(), e.linkFraction(), e.substituteFlopsPerByte(),
                e.sequenceOverheadSeconds(), e.pcieLinkFraction(), e.eagerLayerOverheadSeconds(),
                e.servingTokenOverheadSeconds());
        this.saturatedPrefill = prefillAt(WorkloadMode.MAX_THROUGHPUT, 0).requestsPerSecond();
        this.saturatedDecode = decodeAt(WorkloadMode.MAX_THROUGHPUT, 0).requestsPerSecond();
    }

    /** Requests per second each pool completes when saturated (whole pool). */
    double prefillCapacity() {
        return saturatedPrefill;
    }

    double decodeCapacity() {
        return saturatedDecode;
    }

    RawPrediction prefillAt(double requestsPerSecond) {
        return prefillAt(WorkloadMode.ARRIVAL_RATE, requestsPerSecond);
    }

    RawPrediction decodeAt(double requestsPerSecond) {
        return decodeAt(WorkloadMode.ARRIVAL_RATE, requestsPerSecond);
    }

    private RawPrediction prefillAt(WorkloadMode mode, double rps) {
        return SpeedModel.evaluate(prefill.withTraffic(mode, 1, rps), prefillEfficiency, false);
    }

    private RawPrediction decodeAt(WorkloadMode mode, double rps) {
        ReplicaSetup rs = TechniquePath.replica(decode.withTraffic(mode, 1, rps), decodeEfficiency);
        SchedulerPolicy p = rs.policy();
        SchedulerPolicy kvArrives = new SchedulerPolicy(p.description() + ", decode instance fed over the network",
                p.stepKind(), p.maxRunningSequences(), Integer.MAX_VALUE / 4, true, p.kvAdmission(), p.kvBlockTokens(),
                SchedulerPolicy.PrefixCacheKind.NONE, p.microBatchTokens(), p.newTokenRatio());
        ReplicaSetup fed = TechniquePath.withPolicy(rs, kvArrives, rs.kvCapacityTokens());
        return TechniquePath.evaluate(fed, new DecodePoolStep(rs.physics()));
    }

    /** KV bytes of one request's prompt (all layers), what crosses the link. */
    double kvBytesPerRequest() {
        return prefill.workload().inputTokens() * KvCacheModel.bytesPerToken(prefill.model(), prefill.kvFormat());
    }

    /** One prompt's KV over the link, seconds. */
    double transferSeconds() {
        return link.transferSeconds(kvBytesPerRequest(), link.parallelLinks(prefill.tensorParallel(), decode.tensorParallel()));
    }
}
