package dev.asynccommerce.localstack.server;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.model.DescribeTimeToLiveRequest;
import com.amazonaws.services.dynamodbv2.model.DescribeTimeToLiveResult;
import com.amazonaws.services.dynamodbv2.model.TimeToLiveDescription;
import com.amazonaws.services.dynamodbv2.model.TimeToLiveSpecification;
import com.amazonaws.services.dynamodbv2.model.UpdateTimeToLiveRequest;
import com.amazonaws.services.dynamodbv2.model.UpdateTimeToLiveResult;

/**
 * AWS's DynamoDB Local engine, with time to live moved onto the stack's clock.
 *
 * <p>DynamoDB Local deletes expired items itself, comparing the TTL attribute with the wall clock.
 * The stack runs on its own clock, which tests set to a fixed instant and advance by days; expiry on
 * the wall clock would delete items the stack's clock says are alive (and keep those it says are
 * gone). So this engine lets DynamoDB Local validate, store and persist the TTL setting exactly as it
 * does, but under an attribute name no item carries, so its deletion job finds nothing; every answer
 * shows the caller's own name. {@link TimeToLive} deletes expired items on the stack's clock.
 */
final class DynamoDbEngine extends LocalDynamoDBRequestHandler {
    /** Not a legal prefix for an item attribute anyone writes here: no table of ours uses it. */
    static final String SHADOW_PREFIX = "__stack_ttl__";

    DynamoDbEngine(boolean inMemory, String dataPath) throws Exception {
        // No throughput delay, a shared database across credentials and regions, no transient statuses.
        super(0, inMemory, dataPath, true, false);
    }

    @Override
    public UpdateTimeToLiveResult updateTimeToLive(String accessKey, String region, UpdateTimeToLiveRequest request) {
        TimeToLiveSpecification asked = request.getTimeToLiveSpecification();
        if (asked != null && asked.getAttributeName() != null) {
            request.setTimeToLiveSpecification(new TimeToLiveSpecification()
                    .withEnabled(asked.getEnabled())
                    .withAttributeName(SHADOW_PREFIX + asked.getAttributeName()));
        }
        UpdateTimeToLiveResult result = super.updateTimeToLive(accessKey, region, request);
        TimeToLiveSpecification stored = result.getTimeToLiveSpecification();
        if (stored != null) {
            stored.setAttributeName(callersName(stored.getAttributeName()));
        }
        return result;
    }

    @Override
    public DescribeTimeToLiveResult describeTimeToLive(
            String accessKey, String region, DescribeTimeToLiveRequest request) {
        DescribeTimeToLiveResult result = super.describeTimeToLive(accessKey, region, request);
        TimeToLiveDescription description = result.getTimeToLiveDescription();
        if (description != null) {
            description.setAttributeName(callersName(description.getAttributeName()));
        }
        return result;
    }

    private static String callersName(String stored) {
        return stored != null && stored.startsWith(SHADOW_PREFIX) ? stored.substring(SHADOW_PREFIX.length()) : stored;
    }
}
