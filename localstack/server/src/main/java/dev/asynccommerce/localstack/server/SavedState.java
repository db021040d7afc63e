package dev.asynccommerce.localstack.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.spi.PersistentState;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * What {@code --persist DIR} keeps of the services that hold their state in memory (Step Functions,
 * EventBridge, the event-source mappings, Lambda's queued events, the clock): one JSON file per service
 * in {@code DIR/state}, written when the stack stops and read when it starts again on the same
 * directory (the clock at once, the others after the deployment). DynamoDB and SQS are not here: they
 * write through to their own stores in DIR as they go.
 * See docs/decisions/2026-11-21-local-stack-persistence.md.
 *
 * <p>A service whose state cannot be written or read is logged and skipped; the others still are, so
 * one bad file costs that service's state, never the start.
 */
final class SavedState {
    private static final Logger LOG = LogManager.getLogger(SavedState.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final List<PersistentState> services;

    SavedState(Path dataDirectory, List<PersistentState> services) {
        this.directory = dataDirectory.resolve("state");
        this.services = List.copyOf(services);
    }

    /**
     * Writes each service's state, in the order given; each file is replaced whole, so a crash mid-write
     * keeps the last one.
     */
    void save() {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            LOG.error("Could not create {}: nothing is saved ({})", directory, e.getMessage());
            return;
        }
        for (PersistentState service : services) {
            Path file = fileOf(service);
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try {
                JsonNode state = service.saveState();
                JSON.writeValue(partial.toFile(), state);
                move(partial, file);
            } catch (IOException | RuntimeException e) {
                LOG.error("Could not save the {} state to {}: {}", service.stateName(), file, e.getMessage());
            }
        }
    }

    /**
     * Hands {@code service} the state a previous stop saved for it, if there is one. A file that cannot be
     * read or restored is moved aside ({@code <name>.json.unreadable}, kept for a look) and the service
     * starts afresh: the next stop then writes a new file instead of overwriting the unread one.
     */
    void restore(PersistentState service) {
        Path file = fileOf(service);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            service.restoreState(JSON.readTree(file.toFile()));
            LOG.info("Restored the {} state from {}", service.stateName(), file);
        } catch (IOException | RuntimeException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable");
            LOG.error(
                    "Could not restore the {} state from {} ({}); it starts afresh, and the file is kept as {}",
                    service.stateName(),
                    file,
                    e.getMessage(),
                    aside.getFileName());
            try {
                move(file, aside);
            } catch (IOException moveFailed) {
                LOG.error("Could not move {} aside: {}", file, moveFailed.getMessage());
            }
        }
    }

    private Path fileOf(PersistentState service) {
        return directory.resolve(service.stateName() + ".json");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
