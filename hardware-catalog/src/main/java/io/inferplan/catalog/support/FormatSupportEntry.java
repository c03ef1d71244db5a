package io.inferplan.catalog.support;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.LocalDate;

/**
 * A support-table cell as the API shows it.
 *
 * @param hardware any, a vendor (nvidia), an architecture (nvidia_ampere) or an accelerator id (rtx-5090)
 * @param status   supported, weight_only (runs with 16-bit math on dequantized weights) or unsupported
 * @param note     the mechanism, or the documented reason it does not run
 */
@Serdeable
public record FormatSupportEntry(String id, String framework, String formatKind, String format, String hardware,
                                 String status, @Nullable String note, String sourceUrl, LocalDate asOf) {

    public static FormatSupportEntry from(FormatSupportRow r) {
        return new FormatSupportEntry(r.id(), r.framework(), r.formatKind(), r.format(), r.hardware(), r.status(),
                r.note(), r.sourceUrl(), r.asOf());
    }
}
