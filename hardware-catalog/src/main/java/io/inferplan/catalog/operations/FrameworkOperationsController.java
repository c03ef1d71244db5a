package io.inferplan.catalog.operations;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;

import java.util.List;

/** {@code /api/v1/framework-operations}: the frameworks' operational facts, each with its source (read-only). */
@Controller("/api/v1/framework-operations")
public class FrameworkOperationsController {

    private final FrameworkOperations operations;

    public FrameworkOperationsController(FrameworkOperations operations) {
        this.operations = operations;
    }

    /** Every fact, optionally of one framework id. */
    @Get
    public List<OperationFact> list(@Nullable @QueryValue String framework) {
        return framework == null ? operations.all() : operations.of(framework);
    }
}
