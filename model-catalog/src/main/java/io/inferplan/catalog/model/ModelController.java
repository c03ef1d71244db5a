package io.inferplan.catalog.model;

import io.inferplan.common.catalog.AdminGuard;
import io.inferplan.common.catalog.CatalogWrites;
import io.inferplan.common.catalog.CustomEntries;
import io.inferplan.common.problem.FieldChecks;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import jakarta.inject.Named;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** {@code /api/v1/models}: list and get are open; writes need the admin token. */
@Controller(ModelController.PATH)
public class ModelController {

    static final String PATH = "/api/v1/models";

    private final ModelCatalog catalog;
    private final AdminGuard admin;
    private final CatalogWrites<ModelRow, ModelEntry> writes;

    public ModelController(ModelCatalog catalog, AdminGuard admin,
                           @Named("models") CustomEntries<ModelRow, ModelEntry> entries) {
        this.catalog = catalog;
        this.admin = admin;
        this.writes = new CatalogWrites<>(entries, admin, PATH);
    }

    /** All models, optionally filtered by family (substring) and attention kind (mha, gqa, mqa, mla). */
    @Get
    public List<ModelEntry> list(@Nullable @QueryValue String family, @Nullable @QueryValue String attention) {
        if (attention != null) {
            new FieldChecks().oneOf("attention", attention.toLowerCase(java.util.Locale.ROOT), ModelEntry.ATTENTION_KINDS, false)
                    .throwIfAny();
        }
        return catalog.list(family, attention).stream().map(ModelEntry::from).toList();
    }

    @Get("/{id}")
    public ModelEntry get(String id) {
        return writes.get(id);
    }

    @Post
    public HttpResponse<ModelEntry> create(@Nullable @Header("Authorization") String authorization, @Body ModelEntry entry) {
        return writes.create(authorization, entry);
    }

    /**
     * Adds a model from its Hugging Face {@code config.json} (the request body); GQA, MoE and MLA fields and the
     * parameter counts are derived from it.
     */
    @Post("/import/hf-config")
    public HttpResponse<ModelEntry> importHfConfig(@Nullable @Header("Authorization") String authorization,
                                                   @QueryValue String id, @QueryValue String sourceUrl,
                                                   @Body Map<String, Object> config) {
        admin.require(authorization);
        new FieldChecks().id("id", id).url("sourceUrl", sourceUrl, true).throwIfAny();
        ModelEntry entry = HfConfigImport.toEntry(id, sourceUrl, config, LocalDate.now(ZoneOffset.UTC));
        return writes.create(authorization, entry);
    }

    @Put("/{id}")
    public ModelEntry update(@Nullable @Header("Authorization") String authorization, String id, @Body ModelEntry entry) {
        return writes.update(authorization, id, entry);
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void delete(@Nullable @Header("Authorization") String authorization, String id) {
        writes.delete(authorization, id);
    }
}
