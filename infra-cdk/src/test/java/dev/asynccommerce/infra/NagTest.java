package dev.asynccommerce.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/** cdk-nag's AwsSolutions pack finds no unsuppressed error; every suppression states its reason in code. */
class NagTest {

    @Test
    void awsSolutionsReportsNoUnsuppressedError() {
        List<SynthesisMessage> errors =
                SynthesizedStack.ANNOTATIONS.findError("*", Match.stringLikeRegexp("AwsSolutions-.*"));

        assertThat(errors.stream()
                        .map(e -> e.getId() + ": " + e.getEntry().getData())
                        .toList())
                .isEmpty();
    }
}
