package io.inferplan.web.common;

/** One choice of a drop-down: the submitted value and its visible label. */
public record Option(String value, String label) {
}
