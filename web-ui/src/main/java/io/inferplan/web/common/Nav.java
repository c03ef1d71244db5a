package io.inferplan.web.common;

import java.util.List;

/**
 * The layout's navigation. Saved plans, optimizer, fleet and advisor pages join this list when they exist.
 *
 * @param active the id of the item for the current page
 */
public record Nav(List<Item> items, String active) {

    public record Item(String id, String label, String href) {
    }

    public static Nav at(String active) {
        return new Nav(List.of(
                new Item("plan", "Plan", Routes.HOME),
                new Item("catalog", "Catalog", Routes.CATALOG)), active);
    }

    public boolean isActive(Item item) {
        return item.id().equals(active);
    }
}
