package io.inferplan.web.plan;

import io.inferplan.web.common.Nav;
import io.micronaut.core.annotation.Introspected;

/** The plan form page ({@code /}), also shown by {@code /plan} when the plan is refused. */
@Introspected
public record HomePage(Nav nav, String title, FormView form) {
}
