package dev.asynccommerce.platform.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The last line of every HTTP handler: an exception becomes a problem document, never a stack trace
 * in the response. A failing dependency the caller may retry (throttling, timeouts, 5xx) answers 503;
 * anything else 500. The log line names the failure's type and where it arose, not its message,
 * since messages can echo request data.
 */
public final class Guard {
    private static final Logger LOG = LogManager.getLogger(Guard.class);

    private Guard() {}

    public static APIGatewayV2HTTPResponse respond(String operation, Supplier<APIGatewayV2HTTPResponse> work) {
        try {
            return work.get();
        } catch (SdkException e) {
            boolean passing = worthRetrying(e);
            LOG.error(
                    "{} failed: {} at {} (transient={})",
                    operation,
                    e.getClass().getName(),
                    origin(e),
                    passing);
            return HttpResponses.problem(passing ? Problem.unavailable() : Problem.internal());
        } catch (RuntimeException e) {
            LOG.error("{} failed: {} at {}", operation, e.getClass().getName(), origin(e));
            return HttpResponses.problem(Problem.internal());
        }
    }

    /**
     * Throttling, a 5xx from the service, or a failure on the client's side of the wire (network,
     * timeouts: the request may never have reached AWS) pass with time; anything else is a bug.
     */
    static boolean worthRetrying(SdkException e) {
        if (e.retryable()) {
            return true;
        }
        if (e instanceof AwsServiceException service) {
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return e instanceof SdkClientException;
    }

    /** The first frame of our own code, where there is one: enough to find the failure. */
    static String origin(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.asynccommerce.")) {
                return frame.getClassName() + "." + frame.getMethodName() + ":" + frame.getLineNumber();
            }
        }
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "unknown" : trace[0].toString();
    }
}
