package dev.asynccommerce.fulfillment.domain;

import dev.asynccommerce.kernel.OrderId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The pickup code as we keep it: SHA-256 over the order id and the code, never the code itself, so
 * a read of the table does not hand out codes, and one order's digest says nothing of another's.
 * (Six digits are few: the digest keeps the code out of sight, it is no defence against someone who
 * can read the table and try a million codes; the route's authorization is.)
 */
public record PickupCodeDigest(String hex) {
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public PickupCodeDigest {
        if (hex == null || !HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("not a SHA-256 digest");
        }
    }

    /** Six digits, as the ordering context generates them. */
    public static boolean isCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    public static PickupCodeDigest of(OrderId orderId, String code) {
        if (!isCode(code)) {
            throw new IllegalArgumentException("a pickup code is six digits");
        }
        return new PickupCodeDigest(HexFormat.of().formatHex(digest(orderId, code)));
    }

    /**
     * Whether {@code code} is the order's code. Compares digests in time independent of where they
     * differ ({@link MessageDigest#isEqual}), so the answer's timing tells nothing about the code.
     */
    public boolean matches(OrderId orderId, String code) {
        Objects.requireNonNull(orderId, "orderId");
        byte[] candidate = digest(orderId, code == null ? "" : code);
        return MessageDigest.isEqual(HexFormat.of().parseHex(hex), candidate);
    }

    private static byte[] digest(OrderId orderId, String code) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return sha.digest((orderId.value() + ":" + code).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "PickupCodeDigest[hidden]";
    }
}
