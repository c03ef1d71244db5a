package io.inferplan.catalog.price;

import io.inferplan.catalog.price.PriceEntries.ApiPriceEntry;
import io.inferplan.catalog.price.PriceEntries.GpuPriceEntry;
import io.inferplan.common.catalog.AdminGuard;
import io.inferplan.common.catalog.CatalogWrites;
import io.inferplan.common.catalog.CustomEntries;
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

import java.util.List;
import java.util.Locale;

/** {@code /api/v1/api-prices} and {@code /api/v1/gpu-prices}: list and get are open; writes need the admin token. */
@Controller("/api/v1")
public class PriceController {

    private final PriceCatalogs.ApiPrices apiPrices;
    private final PriceCatalogs.GpuPrices gpuPrices;
    private final CatalogWrites<ApiPriceRow, ApiPriceEntry> apiPriceWrites;
    private final CatalogWrites<GpuPriceRow, GpuPriceEntry> gpuPriceWrites;

    public PriceController(PriceCatalogs.ApiPrices apiPrices, PriceCatalogs.GpuPrices gpuPrices,
                           AdminGuard admin,
                           @Named("api-prices") CustomEntries<ApiPriceRow, ApiPriceEntry> apiPriceEntries,
                           @Named("gpu-prices") CustomEntries<GpuPriceRow, GpuPriceEntry> gpuPriceEntries) {
        this.apiPrices = apiPrices;
        this.gpuPrices = gpuPrices;
        this.apiPriceWrites = new CatalogWrites<>(apiPriceEntries, admin, "/api/v1/api-prices");
        this.gpuPriceWrites = new CatalogWrites<>(gpuPriceEntries, admin, "/api/v1/gpu-prices");
    }

    /** API prices, optionally of one provider (case-insensitive). */
    @Get("/api-prices")
    public List<ApiPriceEntry> apiPrices(@Nullable @QueryValue String provider) {
        return apiPrices.all().stream()
                .filter(p -> provider == null || p.provider().equalsIgnoreCase(provider))
                .map(ApiPriceEntry::from).toList();
    }

    @Get("/api-prices/{id}")
    public ApiPriceEntry apiPrice(String id) {
        return apiPriceWrites.get(id);
    }

    @Post("/api-prices")
    public HttpResponse<ApiPriceEntry> createApiPrice(@Nullable @Header("Authorization") String authorization,
                                                      @Body ApiPriceEntry entry) {
        return apiPriceWrites.create(authorization, entry);
    }

    @Put("/api-prices/{id}")
    public ApiPriceEntry updateApiPrice(@Nullable @Header("Authorization") String authorization, String id,
                                        @Body ApiPriceEntry entry) {
        return apiPriceWrites.update(authorization, id, entry);
    }

    @Delete("/api-prices/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void deleteApiPrice(@Nullable @Header("Authorization") String authorization, String id) {
        apiPriceWrites.delete(authorization, id);
    }

    /** GPU prices, optionally for one accelerator id and/or pricing type (substring, e.g. "spot"). */
    @Get("/gpu-prices")
    public List<GpuPriceEntry> gpuPrices(@Nullable @QueryValue String accelerator, @Nullable @QueryValue String pricingType) {
        return gpuPrices.all().stream()
                .filter(p -> accelerator == null || accelerator.equals(p.accelerator()))
                .filter(p -> pricingType == null || p.pricingType().toLowerCase(Locale.ROOT)
                        .contains(pricingType.toLowerCase(Locale.ROOT)))
                .map(GpuPriceEntry::from).toList();
    }

    @Get("/gpu-prices/{id}")
    public GpuPriceEntry gpuPrice(String id) {
        return gpuPriceWrites.get(id);
    }

    @Post("/gpu-prices")
    public HttpResponse<GpuPriceEntry> createGpuPrice(@Nullable @Header("Authorization") String authorization,
                                                      @Body GpuPriceEntry entry) {
        return gpuPriceWrites.create(authorization, entry);
    }

    @Put("/gpu-prices/{id}")
    public GpuPriceEntry updateGpuPrice(@Nullable @Header("Authorization") String authorization, String id,
                                        @Body GpuPriceEntry entry) {
        return gpuPriceWrites.update(authorization, id, entry);
    }

    @Delete("/gpu-prices/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void deleteGpuPrice(@Nullable @Header("Authorization") String authorization, String id) {
        gpuPriceWrites.delete(authorization, id);
    }
}
