package io.inferplan.plan;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;

/**
 * The OpenAPI description of the application (generated at compile time to {@code META-INF/swagger/}); Swagger UI
 * at {@code /swagger-ui/index.html}. Units are in the field names (see the contract).
 */
@OpenAPIDefinition(info = @Info(title = "InferPlan", version = "v1",
        description = "Capacity planning and cost modelling for self-hosted LLM inference. Units are in field names: "
                + "…GiB (2^30 bytes), …Bytes, …Ms, …TokensPerSecond, usd…, …Fraction (0..1).",
        license = @License(name = "Apache-2.0")))
public final class PlanApiDocs {

    private PlanApiDocs() {
    }
}
