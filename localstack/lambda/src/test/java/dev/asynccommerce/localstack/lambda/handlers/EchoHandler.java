package dev.asynccommerce.localstack.lambda.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Returns its input; prints it first, so that LogType=Tail has something of the function's own. */
public final class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        System.out.println("echo " + input);
        return input;
    }
}
