package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.kernel.StoreId;
import java.util.List;

/** A store's open pick tasks, earliest due first: what its staff have to pick now. */
public final class ListOpenPickTasks {
    private final PickTasks tasks;

    public ListOpenPickTasks(PickTasks tasks) {
        this.tasks = tasks;
    }

    public List<OpenPickTask> execute(StoreId storeId) {
        return tasks.openAt(storeId);
    }
}
