package io.inferplan.plan.hardening;

import io.micronaut.runtime.Micronaut;

/** The planner API as its own process, for tests that kill it (-9) and start it again. */
public final class TestServer {

    private TestServer() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(TestServer.class).banner(false).start();
    }
}
