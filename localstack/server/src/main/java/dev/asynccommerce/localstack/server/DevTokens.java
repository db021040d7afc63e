package dev.asynccommerce.localstack.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.catalog.application.SeedDemoCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Store-staff bearer tokens for local use ({@code localstack/target/dev-tokens.json}, API.md): one per
 * demo store, signed by the stack's key for the deployed user pool and device client, valid as long as
 * Cognito's ID tokens are in the stack (8 hours).
 */
final class DevTokens {
    static final Duration VALIDITY = Duration.ofHours(8);

    private DevTokens() {}

    static Map<String, String> mint(LocalStack stack, LocalDeployment.Result deployed, Instant now) {
        String pool = physicalIdOfType(deployed, "AWS::Cognito::UserPool");
        String client = physicalIdOfType(deployed, "AWS::Cognito::UserPoolClient");
        Map<String, String> tokens = new LinkedHashMap<>();
        for (var store : SeedDemoCatalog.DEMO_STORES) {
            String storeId = store.storeId().value();
            tokens.put(storeId, stack.identity().staffToken(pool, client, storeId, now, VALIDITY));
        }
        return tokens;
    }

    static void write(Path file, Map<String, String> tokens) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode stores = root.putObject("stores");
        tokens.forEach(stores::put);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String physicalIdOfType(LocalDeployment.Result deployed, String type) {
        return deployed.stack().resources().entrySet().stream()
                .filter(e -> type.equals(deployed.types().get(e.getKey())))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the deployed stack has no " + type))
                .getValue()
                .physicalId();
    }
}
