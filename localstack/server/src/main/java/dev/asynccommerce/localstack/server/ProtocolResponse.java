package dev.asynccommerce.localstack.server;

/** What an emulated service answers: an HTTP status, a content type and the body bytes. */
record ProtocolResponse(int status, String contentType, byte[] body) {}
