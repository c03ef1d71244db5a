package io.inferplan;

import io.micronaut.runtime.Micronaut;

/** Starts InferPlan: catalogs, planner API and web UI in one process. */
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(Application.class).banner(false).start();
    }
}
