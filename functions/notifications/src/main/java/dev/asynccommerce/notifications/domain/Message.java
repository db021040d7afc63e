package dev.asynccommerce.notifications.domain;

import java.util.Objects;

/** The text a customer reads: a subject line and a short plain-text body. */
public record Message(String subject, String body) {
    public Message {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /** The body may hold a pickup code: it stays out of anything that prints this record. */
    @Override
    public String toString() {
        return "Message[subject=" + subject + ", body=(" + body.length() + " characters)]";
    }
}
