package io.inferplan.common.http;

import io.inferplan.common.problem.FieldError;
import io.micronaut.core.beans.BeanIntrospection;
import io.micronaut.core.beans.BeanIntrospector;
import io.micronaut.core.beans.BeanProperty;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds JSON properties the target type does not have, with their dotted path ({@code workload.concurency},
 * {@code routes[0].plan.servng}) and the valid names at that place, so a misspelt setting is refused instead of
 * silently ignored. Walks the JSON tree along the type's bean introspection; maps and untyped values are open.
 */
public final class UnknownProperties {

    private UnknownProperties() {
    }

    public static List<FieldError> find(JsonNode node, Argument<?> type) {
        return find(node, type, "");
    }

    /** @param path where {@code node} sits in a larger document ("customEntries.models[0]"), or "" */
    public static List<FieldError> find(JsonNode node, Argument<?> type, String path) {
        List<FieldError> errors = new ArrayList<>();
        walk(node, type, path, errors);
        return errors;
    }

    private static void walk(JsonNode node, Argument<?> type, String path, List<FieldError> errors) {
        Class<?> raw = type.getType();
        if (node == null || node.isNull()) {
            return;
        }
        if (raw == Optional.class) {
            type.getFirstTypeVariable().ifPresent(t -> walk(node, t, path, errors));
        } else if (node.isArray()) {
            Argument<?> element = raw.isArray() ? Argument.of(raw.getComponentType())
                    : Collection.class.isAssignableFrom(raw) ? type.getFirstTypeVariable().orElse(null) : null;
            for (int i = 0; element != null && i < node.size(); i++) {
                walk(node.get(i), element, path + "[" + i + "]", errors);
            }
        } else if (node.isObject() && Map.class.isAssignableFrom(raw)) {
            Argument<?>[] params = type.getTypeParameters();
            if (params.length == 2) {
                for (Map.Entry<String, JsonNode> e : node.entries()) {
                    walk(e.getValue(), params[1], join(path, e.getKey()), errors);
                }
            }
        } else if (node.isObject()) {
            Optional<? extends BeanIntrospection<?>> introspection = BeanIntrospector.SHARED.findIntrospection(raw);
            if (introspection.isEmpty() || raw.getName().startsWith("java.")) {
                return;
            }
            BeanIntrospection<?> bean = introspection.get();
            for (Map.Entry<String, JsonNode> e : node.entries()) {
                Optional<? extends BeanProperty<?, ?>> property = bean.getProperty(e.getKey());
                if (property.isEmpty()) {
                    errors.add(new FieldError(join(path, e.getKey()), "unknown property; valid names here: "
                            + String.join(", ", names(bean))));
                } else {
                    walk(e.getValue(), property.get().asArgument(), join(path, e.getKey()), errors);
                }
            }
        }
    }

    private static Collection<String> names(BeanIntrospection<?> bean) {
        TreeSet<String> names = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        bean.getBeanProperties().forEach(p -> names.add(p.getName()));
        return names;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
