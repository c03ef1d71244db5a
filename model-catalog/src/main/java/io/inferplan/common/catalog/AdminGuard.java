package io.inferplan.common.catalog;

import io.inferplan.common.problem.ProblemException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * Catalog writes and plan deletion need {@code Authorization: Bearer <token>} with the token configured as
 * {@code inferplan.admin-token} (environment variable {@code INFERPLAN_ADMIN_TOKEN}). Without a configured
 * token every write is refused. Reads stay open.
 */
@Singleton
public class AdminGuard {

    private final byte[] token;

    public AdminGuard(@Nullable @Value("${inferplan.admin-token:}") String token) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    public void require(@Nullable String authorizationHeader) {
        if (token == null) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Writes disabled",
                    "no admin token is configured on this server (set INFERPLAN_ADMIN_TOKEN)", List.of());
        }
        String prefix = "Bearer ";
        if (authorizationHeader == null || !authorizationHeader.startsWith(prefix)) {
            throw new ProblemException(HttpStatus.UNAUTHORIZED, "Admin token required",
                    "send the admin token as 'Authorization: Bearer <token>'", List.of());
        }
        byte[] given = authorizationHeader.substring(prefix.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token, given)) {
            throw new ProblemException(HttpStatus.FORBIDDEN, "Wrong admin token", "the admin token does not match", List.of());
        }
    }
}
