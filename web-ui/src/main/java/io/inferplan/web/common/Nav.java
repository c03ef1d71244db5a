package io.inferplan.web.common;

import java.util.List;

/**
 * The layout's navigation.
 *
 * @param active the id of the item for the current page
 */
public record Nav(List<Item> items, String active) {

    public record Item(String id, String label, String href) {
    }

    public static Nav at(String active) {
        return new Nav(List.of(
                new Item("plan", "Plan", Routes.HOME),
                new Item("optimize", "Optimizer", Routes.OPTIMIZE),
                new Item("fleet", "Fleet sizing", Routes.FLEET),
                new Item("day", "Day of traffic", Routes.DAY),
                new Item("advise", "Framework advisor", Routes.ADVISE),
                new Item("saved", "Saved plans", Routes.SAVED),
                new Item("calibrate", "Your benchmark", Routes.CALIBRATE),
                new Item("catalog", "Catalog", Routes.CATALOG)), active);
    }

    public boolean isActive(Item item) {
        return item.id().equals(active);
    }
}
