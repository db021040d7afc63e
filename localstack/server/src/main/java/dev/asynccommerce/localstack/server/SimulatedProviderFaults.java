package dev.asynccommerce.localstack.server;

import dev.asynccommerce.payments.adapter.simulated.DynamoDbProviderConditions;
import dev.asynccommerce.payments.adapter.simulated.ProviderConditions;
import java.util.Arrays;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Faults for the simulated payment provider ({@code POST /_local/faults} with service {@value
 * #SERVICE}). The provider runs inside the payments functions, out of the stack's reach, so the
 * stack hands the fault to it the way an operator would in a staging stack: through the conditions
 * item the simulator reads on every call, in the deployed payments table, written with the payments
 * context's own adapter. The functions never learn they run locally.
 */
final class SimulatedProviderFaults {
    static final String SERVICE = "payments";
    static final String TABLE_PREFIX = "TablesPayments";

    /** Before a deployment, or in a stack without the payments table: faults have nowhere to go. */
    static final SimulatedProviderFaults NONE = new SimulatedProviderFaults(null);

    private final DynamoDbProviderConditions conditions;

    private SimulatedProviderFaults(DynamoDbProviderConditions conditions) {
        this.conditions = conditions;
    }

    static SimulatedProviderFaults of(LocalDeployment.Result deployed, DynamoDbClient dynamo) {
        boolean hasTable = deployed.stack().resources().keySet().stream().anyMatch(id -> id.startsWith(TABLE_PREFIX));
        return hasTable
                ? new SimulatedProviderFaults(
                        new DynamoDbProviderConditions(dynamo, DemoData.table(deployed, TABLE_PREFIX)))
                : NONE;
    }

    /** The provider operation of that name, if the simulator has one. */
    static Optional<ProviderConditions.Operation> operation(String name) {
        return Arrays.stream(ProviderConditions.Operation.values())
                .filter(o -> o.name().equals(name))
                .findFirst();
    }

    static String operationNames() {
        return Arrays.toString(ProviderConditions.Operation.values());
    }

    /** @return false when there is no deployed provider to hand it to */
    boolean inject(Faults.Fault fault) {
        if (conditions == null) {
            return false;
        }
        conditions.inject(
                operation(fault.operation()).orElseThrow(), fault.errorRate(), fault.latencyMs(), fault.remaining());
        return true;
    }

    void clear() {
        if (conditions != null) {
            conditions.clear();
        }
    }
}
