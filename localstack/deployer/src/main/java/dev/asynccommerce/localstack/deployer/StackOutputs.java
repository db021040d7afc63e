package dev.asynccommerce.localstack.deployer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes outputs as {@code cdk deploy --outputs-file} does: {@code {"<StackName>": {"Key": "value"}}}. */
public final class StackOutputs {
    private StackOutputs() {}

    public static void write(Path file, String stackName, Map<String, String> outputs) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        ObjectNode stack = root.putObject(stackName);
        outputs.forEach(stack::put);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
