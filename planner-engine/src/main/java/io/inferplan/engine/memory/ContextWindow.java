package io.inferplan.engine.memory;

import io.inferplan.engine.spec.ContextExtension;
import io.inferplan.engine.spec.ModelSpec;
import io.inferplan.engine.spec.RopeScaling;

import java.util.Locale;

/**
 * The context window a deployment serves. Without rope scaling it is the model's own maximum
 * ({@code max_position_embeddings}). With rope scaling it is original context × factor, allowed only when the model
 * card documents that method, and never beyond the card's documented maximum (Qwen3: YaRN, 32,768 × 4 = 131,072).
 */
public final class ContextWindow {

    private ContextWindow() {
    }

    /** The model to plan with, or why the requested scaling is refused. */
    public record Resolved(ModelSpec model, String refusal, String note) {
    }

    public static Resolved resolve(ModelSpec m, RopeScaling scaling) {
        if (scaling == null) {
            return new Resolved(m, null, null);
        }
        ContextExtension ext = m.contextExtension();
        if (ext == null) {
            return new Resolved(m, "model " + m.id() + " has no documented rope-scaling context extension; its context "
                    + "is " + m.maxContextTokens() + " tokens", null);
        }
        if (!ext.method().equalsIgnoreCase(scaling.type())) {
            return new Resolved(m, "model " + m.id() + " documents rope scaling by " + ext.method() + ", not "
                    + scaling.type(), null);
        }
        double tokens = ext.originalContextTokens() * scaling.factor();
        if (tokens > ext.maxContextTokens() + 1e-9) {
            return new Resolved(m, String.format(Locale.ROOT, "rope-scaling factor %.2f stretches %s to %.0f tokens, "
                            + "beyond the %d its model card documents (factor at most %.2f)", scaling.factor(), m.id(),
                    tokens, ext.maxContextTokens(), ext.maxFactor()), null);
        }
        int window = Math.max(m.maxContextTokens(), (int) Math.floor(tokens));
        String note = String.format(Locale.ROOT, "context extended by %s rope scaling, factor %.2f: %d × %.2f = %d tokens "
                        + "(the model's own window is %d); static scaling applies to short prompts too", ext.method(),
                scaling.factor(), ext.originalContextTokens(), scaling.factor(), window, m.maxContextTokens());
        return new Resolved(m.withMaxContextTokens(window), null, note);
    }
}
