package dev.asynccommerce.catalog.domain;

/** The rule for names shown to customers: present, bounded, printable. */
final class DisplayNames {
    static final int MAX_LENGTH = 200;

    private DisplayNames() {}

    static String require(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a " + what + " is required");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a " + what + " has at most " + MAX_LENGTH + " characters");
        }
        // Names end up in HTML and logs; a control character there is never intended.
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a " + what + " cannot contain control characters");
        }
        return trimmed;
    }
}
