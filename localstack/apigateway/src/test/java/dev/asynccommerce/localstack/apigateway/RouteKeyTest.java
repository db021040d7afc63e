package dev.asynccommerce.localstack.apigateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouteKeyTest {
    @Test
    void prefersTheLongerLiteralPrefixBetweenTwoGreedyRoutes() {
        List<RouteKey> keys = new ArrayList<>(List.of(
                RouteKey.parse("ANY /{proxy+}"),
                RouteKey.parse("GET /pets/{proxy+}"),
                RouteKey.parse("GET /pets/dog/{proxy+}")));
        keys.sort(RouteKey::specificity);
        assertThat(keys)
                .extracting(RouteKey::text)
                .containsExactly("GET /pets/dog/{proxy+}", "GET /pets/{proxy+}", "ANY /{proxy+}");
    }

    @Test
    void prefersAnExactMethodOverAnyOnTheSamePath() {
        List<RouteKey> keys = new ArrayList<>(List.of(RouteKey.parse("ANY /items"), RouteKey.parse("GET /items")));
        keys.sort(RouteKey::specificity);
        assertThat(keys).extracting(RouteKey::text).containsExactly("GET /items", "ANY /items");
    }

    @Test
    void aGreedyVariableNeedsAtLeastOneMoreSegment() {
        RouteKey key = RouteKey.parse("GET /pets/{proxy+}");
        assertThat(key.match("GET", List.of("pets"))).isNull();
        assertThat(key.match("GET", List.of("pets", ""))).isNull();
        assertThat(key.match("GET", List.of("pets", "a", "b"))).isEqualTo(Map.of("proxy", "a/b"));
    }

    @Test
    void refusesMalformedRouteKeys() {
        assertThatThrownBy(() -> RouteKey.parse("GET pets")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteKey.parse("GET /{proxy+}/more"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("greedy");
        assertThatThrownBy(() -> new HttpApiConfig("a", null, null, List.of(new HttpApiConfig.Route("/x", "arn"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
