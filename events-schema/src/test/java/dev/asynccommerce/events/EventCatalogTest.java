package dev.asynccommerce.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code docs/events.md} is what the schemas generate. Run with {@code -Devents.catalog.write=true}
 * to rewrite it; the build passes the property and the file's path through to this test.
 */
class EventCatalogTest {
    private static final String CATALOG = EventCatalog.markdown();

    @Test
    void theCommittedCatalogIsWhatTheSchemasGenerate() throws IOException {
        Path file = Path.of(System.getProperty("events.catalog.path", "../docs/events.md"))
                .toAbsolutePath()
                .normalize();
        if (Boolean.getBoolean("events.catalog.write")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, CATALOG, StandardCharsets.UTF_8);
        }
        if (!Files.exists(file)) {
            fail("%s does not exist; generate it with: %s", file, EventCatalog.REGENERATE);
        }
        List<String> committed = Files.readString(file, StandardCharsets.UTF_8)
                .replace("\r\n", "\n")
                .lines()
                .toList();
        List<String> generated = CATALOG.lines().toList();
        for (int i = 0; i < Math.max(committed.size(), generated.size()); i++) {
            String was = i < committed.size() ? committed.get(i) : "(end of file)";
            String now = i < generated.size() ? generated.get(i) : "(end of file)";
            if (!was.equals(now)) {
                fail(
                        "%s is out of date with the schemas, from line %d:%n  file:      %s%n  generated: %s%n"
                                + "Regenerate it with: %s",
                        file, i + 1, was, now, EventCatalog.REGENERATE);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventAndEveryDataFieldIsInTheCatalog(EventType type) {
        assertThat(CATALOG).contains("### " + type.detailType() + "\n", "- source: `" + type.source() + "`");
        for (var component : type.dataType().getRecordComponents()) {
            assertThat(CATALOG).contains("| `" + component.getName() + "` |");
        }
    }

    @Test
    void nestedFieldsAndConstraintsAreSpelledOut() {
        assertThat(CATALOG)
                .contains("| `lines[].unitPriceCents` | integer | 0..9007199254740991 |")
                .contains("| `paymentMethods[].token` | string | pattern `^[A-Za-z0-9_-]+$`; 1..128 characters; "
                        + "not a card number; send the payment provider's token instead |")
                .contains("| `reason` | string | one of `CUSTOMER_REQUESTED`, `SHORT_PICK`")
                .contains("| `sequence` | integer | 1..9007199254740991 |");
    }
}
