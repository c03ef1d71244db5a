package io.inferplan.engine.speed.sim;

import java.util.random.RandomGenerator;

/**
 * Request lengths (tokens): fixed, uniform with a given mean and standard deviation (over mean ± √3 × sd, as
 * benchmark clients draw "random" lengths in a range), or lognormal with that mean and standard deviation (long
 * tailed, like chat datasets). Draws are at least 1 token.
 */
public record LengthDistribution(Shape shape, double meanTokens, double spreadTokens) {

    /** The shapes a workload may ask for. */
    public enum Shape { FIXED, UNIFORM, LOGNORMAL }

    public LengthDistribution {
        if (!(meanTokens >= 1) || !(spreadTokens >= 0)) {
            throw new IllegalArgumentException("length distribution: mean must be >= 1 token and spread >= 0 tokens");
        }
        if (spreadTokens == 0) {
            shape = Shape.FIXED;
        }
    }

    public static LengthDistribution fixed(int tokens) {
        return new LengthDistribution(Shape.FIXED, tokens, 0);
    }

    /** One draw, tokens. */
    public int draw(RandomGenerator rng) {
        double v;
        switch (shape) {
            case UNIFORM: {
                double half = Math.sqrt(3) * spreadTokens;
                v = meanTokens - half + 2 * half * rng.nextDouble();
                break;
            }
            case LOGNORMAL: {
                double cv2 = (spreadTokens / meanTokens) * (spreadTokens / meanTokens);
                double sigma2 = Math.log(1 + cv2);
                v = Math.exp(Math.log(meanTokens) - sigma2 / 2 + Math.sqrt(sigma2) * rng.nextGaussian());
                break;
            }
            default:
                v = meanTokens;
        }
        return (int) Math.max(1, Math.round(v));
    }
}
