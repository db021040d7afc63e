package dev.asynccommerce.localstack.stepfunctions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A unit of cancellation: an execution, a Parallel state's branches, a Map state's iterations.
 * Cancelling a scope runs every registered cancel action (waking parked waits, closing task tokens)
 * and cancels its children; work checks {@link #checkActive()} at every state transition.
 */
final class Scope {
    private final Scope parent;
    private final List<Scope> children = new ArrayList<>();
    private final List<Runnable> onCancel = new ArrayList<>();
    private boolean cancelled;

    Scope(Scope parent) {
        this.parent = parent;
    }

    Scope child() {
        Scope child = new Scope(this);
        boolean cancelNow;
        synchronized (this) {
            children.add(child);
            cancelNow = cancelled;
        }
        if (cancelNow) {
            child.cancel();
        }
        return child;
    }

    /** Registers {@code action}; runs it at once if already cancelled. Returns a deregistration. */
    Runnable onCancel(Runnable action) {
        boolean runNow;
        synchronized (this) {
            runNow = cancelled;
            if (!runNow) {
                onCancel.add(action);
            }
        }
        if (runNow) {
            action.run();
        }
        return () -> {
            synchronized (this) {
                onCancel.remove(action);
            }
        };
    }

    void cancel() {
        List<Runnable> actions;
        List<Scope> kids;
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            actions = List.copyOf(onCancel);
            kids = List.copyOf(children);
            onCancel.clear();
        }
        actions.forEach(Runnable::run);
        kids.forEach(Scope::cancel);
    }

    /** Forgets this finished scope in its parent, so long-running loops do not accumulate scopes. */
    void close() {
        if (parent != null) {
            synchronized (parent) {
                parent.children.remove(this);
            }
        }
    }

    synchronized boolean isCancelled() {
        return cancelled || parent != null && parent.isCancelled();
    }

    void checkActive() {
        if (isCancelled()) {
            throw Aborted.INSTANCE;
        }
    }

    void forEachChild(Consumer<Scope> action) {
        List<Scope> kids;
        synchronized (this) {
            kids = List.copyOf(children);
        }
        kids.forEach(action);
    }

    /** Unwinds work whose scope was cancelled (execution stopped, sibling branch failed). */
    static final class Aborted extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Aborted INSTANCE = new Aborted();

        private Aborted() {
            super("aborted", null, false, false);
        }
    }
}
