package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The flags of ./local-stack as its --help names them. */
class MainTest {
    @Test
    void withoutFlagsTheStackTakesPort4566InMemoryWithDemoData() {
        Main.Arguments arguments = Main.parse(new String[0]);

        assertThat(arguments.port()).isEqualTo(4566);
        assertThat(arguments.persist()).isNull();
        assertThat(arguments.seed()).isTrue();
        assertThat(arguments.cdkOut()).isEqualTo(Path.of("infra-cdk/cdk.out"));
        assertThat(arguments.outputs()).isEqualTo(Path.of("localstack/target/stack-outputs.json"));
    }

    @Test
    void everyFlagIsTaken() {
        Main.Arguments arguments = Main.parse(new String[] {"--port", "0", "--persist", "/tmp/state", "--no-seed"});

        assertThat(arguments.port()).isZero();
        assertThat(arguments.persist()).isEqualTo(Path.of("/tmp/state"));
        assertThat(arguments.seed()).isFalse();
    }

    @Test
    void helpIsAskedForWithEitherSpelling() {
        assertThat(Main.parse(new String[] {"--help"})).isNull();
        assertThat(Main.parse(new String[] {"--port", "1", "-h"})).isNull();
        assertThat(Main.USAGE).contains("--port N", "--persist DIR", "--no-seed", "--help");
    }

    @Test
    void aBadFlagIsRefusedNamingIt() {
        assertThatThrownBy(() -> Main.parse(new String[] {"--prot", "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option --prot");
        assertThatThrownBy(() -> Main.parse(new String[] {"--port"})).hasMessage("--port needs a value");
        assertThatThrownBy(() -> Main.parse(new String[] {"--port", "65536"}))
                .hasMessage("--port takes 0..65535, got 65536");
        assertThatThrownBy(() -> Main.parse(new String[] {"--port", "http"}))
                .hasMessage("--port takes 0..65535, got http");
    }
}
