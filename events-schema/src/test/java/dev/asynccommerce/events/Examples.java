package dev.asynccommerce.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The example files under {@code examples/<EventName>/}, read from the test classpath. */
final class Examples {
    /** One example file: its name without {@code .json}, and its text. */
    record Example(String name, String json) {
        JsonNode tree() {
            return Examples.tree(json);
        }

        /** The field an {@code invalid-<field>-<why>} example breaks. */
        String brokenField() {
            String rest = name.substring("invalid-".length());
            return rest.substring(0, rest.indexOf('-'));
        }
    }

    private Examples() {}

    static List<Example> valid(EventType type) {
        return list(folder(type), "valid-");
    }

    static List<Example> invalid(EventType type) {
        return list(folder(type), "invalid-");
    }

    static Example first(EventType type) {
        return valid(type).getFirst();
    }

    /** The example folder's name: the event name, with {@code .v<N>} for versions after the first. */
    static String folderName(EventType type) {
        return type.schemaVersion() == 1 ? type.detailType() : type.detailType() + ".v" + type.schemaVersion();
    }

    static Path folder(EventType type) {
        return classpathDirectory("examples").resolve(folderName(type));
    }

    static Path classpathDirectory(String name) {
        URL url = Examples.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("not on the classpath: " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> names(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The detail wrapped in the event EventBridge would deliver for it. */
    static String eventBridgeEvent(EventType type, String detailJson) {
        ObjectNode event = StrictJson.MAPPER.createObjectNode();
        event.put("version", "0");
        event.put("id", "6a7e8feb-b491-4cf7-a9f1-bf3703467718");
        event.put("detail-type", type.detailType());
        event.put("source", type.source());
        event.put("account", "111122223333");
        event.put("time", "2026-11-21T08:35:13Z");
        event.put("region", "eu-west-1");
        event.putArray("resources");
        event.set("detail", tree(detailJson));
        return event.toString();
    }

    static JsonNode tree(String json) {
        try {
            return StrictJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Example> list(Path folder, String prefix) {
        return names(folder).stream()
                .filter(name -> name.startsWith(prefix) && name.endsWith(".json"))
                .map(name ->
                        new Example(name.substring(0, name.length() - ".json".length()), read(folder.resolve(name))))
                .toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
