package dev.asynccommerce.localstack.apigateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed HTTP API route key: {@code $default}, or a method ({@code ANY} for all) and a path of
 * literal segments, {@code {name}} segments and at most one trailing {@code {name+}}.
 */
record RouteKey(String text, String method, List<Segment> segments) {
    static final String DEFAULT = "$default";

    enum Kind {
        LITERAL,
        PARAMETER,
        GREEDY
    }

    record Segment(Kind kind, String value) {}

    static RouteKey parse(String text) {
        if (DEFAULT.equals(text)) {
            return new RouteKey(text, null, List.of());
        }
        int space = text.indexOf(' ');
        if (space <= 0 || space + 1 >= text.length() || text.charAt(space + 1) != '/') {
            throw new IllegalArgumentException("not a route key: " + text + " (expected 'METHOD /path' or '$default')");
        }
        String method = text.substring(0, space).toUpperCase(Locale.ROOT);
        String[] parts = text.substring(space + 2).split("/", -1);
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("}") && part.length() > 2) {
                String name = part.substring(1, part.length() - 1);
                if (name.endsWith("+")) {
                    if (i != parts.length - 1) {
                        throw new IllegalArgumentException("a greedy path variable must be last: " + text);
                    }
                    segments.add(new Segment(Kind.GREEDY, name.substring(0, name.length() - 1)));
                } else {
                    segments.add(new Segment(Kind.PARAMETER, name));
                }
            } else {
                segments.add(new Segment(Kind.LITERAL, part));
            }
        }
        return new RouteKey(text, method, List.copyOf(segments));
    }

    boolean isDefault() {
        return method == null;
    }

    boolean isGreedy() {
        return !segments.isEmpty() && segments.getLast().kind() == Kind.GREEDY;
    }

    boolean anyMethod() {
        return "ANY".equals(method);
    }

    /**
     * The path parameters when this key matches, else null. {@code rawSegments} are the request path's
     * segments, still percent-encoded; parameters are decoded, as API Gateway hands them over.
     */
    Map<String, String> match(String requestMethod, List<String> rawSegments) {
        if (isDefault() || !(anyMethod() || method.equals(requestMethod))) {
            return null;
        }
        int fixed = isGreedy() ? segments.size() - 1 : segments.size();
        if (isGreedy() ? rawSegments.size() <= fixed : rawSegments.size() != fixed) {
            return null;
        }
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        for (int i = 0; i < fixed; i++) {
            Segment segment = segments.get(i);
            String decoded = Encoding.percentDecode(rawSegments.get(i));
            if (segment.kind() == Kind.LITERAL) {
                if (!segment.value().equals(decoded)) {
                    return null;
                }
            } else {
                if (decoded.isEmpty()) {
                    return null;
                }
                parameters.put(segment.value(), decoded);
            }
        }
        if (isGreedy()) {
            String rest = Encoding.percentDecode(String.join("/", rawSegments.subList(fixed, rawSegments.size())));
            if (rest.isEmpty()) {
                return null;
            }
            parameters.put(segments.getLast().value(), rest);
        }
        return parameters;
    }

    /**
     * API Gateway's order among matching routes, most specific first: a full match before a greedy
     * one (documented), an exact method before {@code ANY}, then segment by segment from the left a
     * literal before a {@code {name}} before a {@code {name+}} (documented for the literal; the rest is
     * what AWS's worked example and observed behaviour show).
     */
    static int specificity(RouteKey a, RouteKey b) {
        int greedy = Boolean.compare(a.isGreedy(), b.isGreedy());
        if (greedy != 0) {
            return greedy;
        }
        int any = Boolean.compare(a.anyMethod(), b.anyMethod());
        if (any != 0) {
            return any;
        }
        for (int i = 0; i < Math.min(a.segments.size(), b.segments.size()); i++) {
            int kind = a.segments.get(i).kind().compareTo(b.segments.get(i).kind());
            if (kind != 0) {
                return kind;
            }
        }
        // Two greedy routes: the longer literal prefix is the more specific.
        return Integer.compare(b.segments.size(), a.segments.size());
    }
}
