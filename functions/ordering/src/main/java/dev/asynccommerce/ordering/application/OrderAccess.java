package dev.asynccommerce.ordering.application;

import dev.asynccommerce.ordering.domain.Order;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Order tokens are stored only as SHA-256 digests: a leaked table does not hand out access to
 * orders. Tokens carry 256 random bits, so an unsalted fast digest is enough.
 */
public final class OrderAccess {
    private OrderAccess() {}

    public static String digest(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Whether {@code token} opens {@code order}; compared in constant time. */
    public static boolean permits(Order order, String token) {
        if (token == null || token.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(
                digest(token).getBytes(StandardCharsets.US_ASCII),
                order.accessDigest().getBytes(StandardCharsets.US_ASCII));
    }
}
