package dev.asynccommerce.localstack.apigateway;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** URL decoding, ids in API Gateway's shape, and text detection. */
final class Encoding {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ID_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private Encoding() {}

    /** Percent-decoding of a path segment ({@code +} stays a plus); malformed escapes stay as they are. */
    static String percentDecode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A query string as API Gateway's single-value map: repeated names comma-joined, values decoded. */
    static Map<String, List<String>> queryParameters(String rawQuery) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = formDecode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : formDecode(pair.substring(eq + 1));
            parameters.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
        }
        return parameters;
    }

    private static String formDecode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return raw;
        }
    }

    /**
     * An id shaped like API Gateway's request and connection ids ({@code L0SM9cOFvHcCIhw=}), from
     * letters and digits only so that it travels in a path segment unescaped.
     */
    static String newId() {
        char[] id = new char[16];
        for (int i = 0; i < 15; i++) {
            id[i] = ID_CHARS[RANDOM.nextInt(ID_CHARS.length)];
        }
        id[15] = '=';
        return new String(id);
    }

    /** An X-Ray trace header value: {@code Root=1-<8 hex epoch seconds>-<24 hex>}. */
    static String traceId(long epochSeconds) {
        StringBuilder random = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            random.append(Character.forDigit(RANDOM.nextInt(16), 16));
        }
        return "Root=1-" + String.format("%08x", epochSeconds) + "-" + random;
    }

    static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /**
     * Whether API Gateway passes a request body of this type as text rather than base64: text types,
     * JSON, XML, JavaScript and forms; a body without a type counts as text when it is valid UTF-8.
     */
    static boolean isTextual(String contentType, byte[] body) {
        if (contentType == null || contentType.isBlank()) {
            return isUtf8(body);
        }
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        int semi = type.indexOf(';');
        if (semi >= 0) {
            type = type.substring(0, semi).trim();
        }
        return type.startsWith("text/")
                || type.endsWith("/json")
                || type.endsWith("+json")
                || type.endsWith("/xml")
                || type.endsWith("+xml")
                || type.endsWith("/javascript")
                || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/graphql");
    }
}
