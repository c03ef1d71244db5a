package io.inferplan.common.http;

import io.inferplan.common.problem.FieldError;
import io.inferplan.common.problem.ProblemException;
import io.inferplan.common.problem.ProblemHandler;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.web.router.RouteAttributes;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Unknown JSON properties are a 400 on every JSON route, naming the path and the valid names (as misspelt query
 * parameters already are): {@code "servng": {…}} must not answer 200 with the default the user meant to change.
 * Checks the body against the route's {@code @Body} type before the controller binds it; a body that does not parse
 * is left to the usual binding error.
 */
@ServerFilter(value = "/api/**", methods = {HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH})
@Order(FilterOrder.STRICT_JSON)
public class StrictJsonFilter {

    private final JsonMapper json;

    public StrictJsonFilter(JsonMapper json) {
        this.json = json;
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> refuseUnknownProperties(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (body == null || body.length == 0 || !isJson(request)) {
            return null;
        }
        Optional<Argument<?>> target = RouteAttributes.getRouteMatch(request).flatMap(m -> m.getRouteInfo().getBodyArgument())
                .map(a -> (Argument<?>) a);
        if (target.isEmpty()) {
            return null;
        }
        JsonNode tree;
        try {
            tree = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return null; // the controller's binding refuses it with its own message
        }
        List<FieldError> unknown = UnknownProperties.find(tree, target.get());
        return unknown.isEmpty() ? null : ProblemHandler.respond(ProblemException.badRequest(unknown).toProblem());
    }

    private static boolean isJson(HttpRequest<?> request) {
        return request.getContentType().map(t -> t.getSubtype().equals("json") || t.getSubtype().endsWith("+json"))
                .orElse(true);
    }
}
