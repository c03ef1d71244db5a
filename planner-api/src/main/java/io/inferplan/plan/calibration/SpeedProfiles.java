package io.inferplan.plan.calibration;

import io.inferplan.engine.speed.EfficiencyProfile;
import jakarta.inject.Singleton;

import java.util.Optional;

/** The efficiency profiles an evaluation can use: the bundled fit, and named profiles refitted on user data. */
@Singleton
public class SpeedProfiles {

    private final EfficiencyProfile bundled = EfficiencyProfile.priors();

    public EfficiencyProfile bundled() {
        return bundled;
    }

    public Optional<EfficiencyProfile> named(String name) {
        return name == null || name.equals(bundled.name()) ? Optional.of(bundled) : Optional.empty();
    }
}
