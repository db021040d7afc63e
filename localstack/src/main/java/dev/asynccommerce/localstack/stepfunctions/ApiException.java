package dev.asynccommerce.localstack.stepfunctions;

import dev.asynccommerce.localstack.spi.AwsJsonProtocol;

/** An error answered to an API caller as {@code {"__type": type, "message": message}} with HTTP 400. */
public final class ApiException extends AwsJsonProtocol.ServiceException {
    private static final long serialVersionUID = 1L;

    public ApiException(String type, String message) {
        super(type, message);
    }
}
