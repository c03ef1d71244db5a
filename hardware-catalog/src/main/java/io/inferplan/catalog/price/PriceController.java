package io.inferplan.catalog.price;

import io.inferplan.catalog.accelerator.AcceleratorCatalog;
import io.inferplan.catalog.price.PriceEntries.ApiPriceEntry;
import io.inferplan.catalog.price.PriceEntries.GpuPriceEntry;
import io.inferplan.common.catalog.AdminGuard;
import io.inferplan.common.catalog.NearestIds;
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

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/** {@code /api/v1/api-prices} and {@code /api/v1/gpu-prices}. */
@Controller("/api/v1")
public class PriceController {

    private final PriceCatalogs.ApiPrices apiPrices;
    private final PriceCatalogs.GpuPrices gpuPrices;
    private final AcceleratorCatalog accelerators;
    private final AdminGuard admin;

    public PriceController(PriceCatalogs.ApiPrices apiPrices, PriceCatalogs.GpuPrices gpuPrices,
                           AcceleratorCatalog accelerators, AdminGuard admin) {
        this.apiPrices = apiPrices;
        this.gpuPrices = gpuPrices;
        this.accelerators = accelerators;
        this.admin = admin;
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
        return ApiPriceEntry.from(apiPrices.store().get(id, "id"));
    }

    @Post("/api-prices")
    public HttpResponse<ApiPriceEntry> createApiPrice(@Nullable @Header("Authorization") String authorization,
                                                      @Body ApiPriceEntry entry) {
        admin.require(authorization);
        ApiPriceRow row = apiPrices.store().create(entry.toCustomRow(today()), entry.problems());
        return HttpResponse.created(ApiPriceEntry.from(row), URI.create("/api/v1/api-prices/" + row.id()));
    }

    @Put("/api-prices/{id}")
    public ApiPriceEntry updateApiPrice(@Nullable @Header("Authorization") String authorization, String id,
                                        @Body ApiPriceEntry entry) {
        admin.require(authorization);
        return ApiPriceEntry.from(apiPrices.store().update(id, entry.toCustomRow(today()), entry.problems()));
    }

    @Delete("/api-prices/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void deleteApiPrice(@Nullable @Header("Authorization") String authorization, String id) {
        admin.require(authorization);
        apiPrices.store().delete(id);
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
        return GpuPriceEntry.from(gpuPrices.store().get(id, "id"));
    }

    @Post("/gpu-prices")
    public HttpResponse<GpuPriceEntry> createGpuPrice(@Nullable @Header("Authorization") String authorization,
                                                      @Body GpuPriceEntry entry) {
        admin.require(authorization);
        GpuPriceRow row = gpuPrices.store().create(entry.toCustomRow(today()), problems(entry));
        return HttpResponse.created(GpuPriceEntry.from(row), URI.create("/api/v1/gpu-prices/" + row.id()));
    }

    @Put("/gpu-prices/{id}")
    public GpuPriceEntry updateGpuPrice(@Nullable @Header("Authorization") String authorization, String id,
                                        @Body GpuPriceEntry entry) {
        admin.require(authorization);
        return GpuPriceEntry.from(gpuPrices.store().update(id, entry.toCustomRow(today()), problems(entry)));
    }

    @Delete("/gpu-prices/{id}")
    @Status(HttpStatus.NO_CONTENT)
    public void deleteGpuPrice(@Nullable @Header("Authorization") String authorization, String id) {
        admin.require(authorization);
        gpuPrices.store().delete(id);
    }

    private List<io.inferplan.common.problem.FieldError> problems(GpuPriceEntry entry) {
        List<String> ids = accelerators.store().ids();
        return entry.problems(ids::contains, entry.accelerator() == null ? List.of() : NearestIds.of(entry.accelerator(), ids));
    }

    private static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
