package dev.asynccommerce.localstack.deployer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code cdk.out} directory: the stack's template and its file assets. Lambda code in the template
 * points at the CDK bootstrap bucket and an object key; the asset manifest says which local file
 * ({@code asset.<hash>.jar}) that key holds, so the stack runs the very jar {@code cdk deploy} would upload.
 */
public final class CloudAssembly {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final String stackName;
    private final Path templateFile;
    private final Map<String, Path> filesByObjectKey;

    private CloudAssembly(Path directory, String stackName, Path templateFile, Map<String, Path> filesByObjectKey) {
        this.directory = directory;
        this.stackName = stackName;
        this.templateFile = templateFile;
        this.filesByObjectKey = filesByObjectKey;
    }

    /** Reads the assembly's manifest and the named stack's asset manifest. */
    public static CloudAssembly read(Path cdkOut, String stackName) {
        JsonNode manifest = readJson(cdkOut.resolve("manifest.json"));
        JsonNode stack = manifest.path("artifacts").path(stackName);
        if (!"aws:cloudformation:stack".equals(stack.path("type").asText())) {
            throw new DeploymentException("cdk.out at " + cdkOut + " has no stack named " + stackName);
        }
        Path template =
                cdkOut.resolve(stack.path("properties").path("templateFile").asText());
        Map<String, Path> files = new HashMap<>();
        Path assets = cdkOut.resolve(stackName + ".assets.json");
        if (Files.exists(assets)) {
            for (Iterator<JsonNode> it = readJson(assets).path("files").elements(); it.hasNext(); ) {
                JsonNode file = it.next();
                Path source = cdkOut.resolve(file.path("source").path("path").asText());
                for (Iterator<JsonNode> d = file.path("destinations").elements(); d.hasNext(); ) {
                    files.put(d.next().path("objectKey").asText(), source);
                }
            }
        }
        return new CloudAssembly(cdkOut, stackName, template, Map.copyOf(files));
    }

    public String stackName() {
        return stackName;
    }

    public Template template() {
        return Template.read(templateFile);
    }

    public Path directory() {
        return directory;
    }

    /** The local file behind an asset's S3 object key (Lambda Code.S3Key), if the assembly has it. */
    public Optional<Path> assetFile(String objectKey) {
        return Optional.ofNullable(filesByObjectKey.get(objectKey));
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
