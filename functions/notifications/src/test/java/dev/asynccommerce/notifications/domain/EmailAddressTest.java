package dev.asynccommerce.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailAddressTest {
    @Test
    void masksAllButTheFirstCharacterOfTheLocalPart() {
        assertThat(new EmailAddress("ana@example.com").masked()).isEqualTo("a***@example.com");
        assertThat(new EmailAddress("b@shop.example.org").masked()).isEqualTo("b***@shop.example.org");
    }

    @Test
    void neverPrintsTheAddress() {
        assertThat(new EmailAddress("ana.lopez@example.com").toString())
                .doesNotContain("ana.lopez")
                .contains("a***@example.com");
    }

    @Test
    void refusesWhatIsNoAddress() {
        for (String bad : new String[] {
            "", "ana", "ana@", "@example.com", "ana@example", "a b@example.com", "ana@@example.com", "ana@exa\nmple.com"
        }) {
            assertThat(EmailAddress.isValid(bad)).as(bad).isFalse();
            assertThatThrownBy(() -> new EmailAddress(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(EmailAddress.isValid(null)).isFalse();
        assertThat(EmailAddress.isValid("x".repeat(60) + "@" + "d".repeat(200) + ".com"))
                .isFalse();
    }
}
