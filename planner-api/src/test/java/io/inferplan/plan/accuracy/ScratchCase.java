package io.inferplan.plan.accuracy;

import io.inferplan.engine.calibration.CrossValidation;
import io.inferplan.engine.calibration.MeasurementCase;
import io.inferplan.engine.speed.EfficiencyProfileCsv;
import io.inferplan.engine.speed.FormatClass;
import io.inferplan.engine.speed.ReplicaSetup;
import io.inferplan.engine.speed.SpeedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@EnabledIfSystemProperty(named = "inferplan.scratch", matches = "true")
class ScratchCase {
    @Test
    void show() {
        for (String id : System.getProperty("inferplan.ids", "").split(",")) {
            MeasurementCase c = Corpus.shipped().modelled.stream().filter(x -> x.row().id().equals(id)).findFirst().orElse(null);
            if (c == null) { System.out.println(id + " not modelled: " + Corpus.shipped().notModelled.get(id)); continue; }
            var p = EfficiencyProfileCsv.shipped();
            var e = p.resolve(c.frameworkKey(), c.input().accelerator().architecture(), FormatClass.of(c.input().weightFormat()));
            ReplicaSetup rs = ReplicaSetup.of(c.input(), e, true);
            System.out.println(id + " " + rs.policy() + "\n  kvCapacityTokens=" + rs.kvCapacityTokens() + " batchCap=" + rs.batchCap()
                + " mem=" + c.input().memory() + "\n  eff=" + e);
            var r = SpeedModel.evaluate(c.input(), e, true);
            System.out.println("  product: " + r.simulation() + " ttft=" + r.ttft() + " tpot=" + r.tpot() + " out=" + r.outputTokensPerSecond() + " measured " + c.measured() + " predicted " + c.predicted(r));
            var a = SpeedModel.analytic(c.input(), e, true);
            System.out.println("  analytic: ttft=" + a.ttft() + " tpot=" + a.tpot() + " out=" + a.outputTokensPerSecond() + " batch " + a.batchSize());
        }
    }
}
