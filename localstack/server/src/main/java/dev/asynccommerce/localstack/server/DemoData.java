package dev.asynccommerce.localstack.server;

import dev.asynccommerce.catalog.CatalogWiring;
import dev.asynccommerce.inventory.InventoryWiring;
import dev.asynccommerce.platform.aws.Environment;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The demo data API.md promises (3 stores, 20 SKUs in stock at every store), written with the catalog
 * and inventory contexts' own seeding use cases into the deployed tables. Seeding sets, never adds, so a
 * restart with persisted data leaves the same stock.
 */
final class DemoData {
    private DemoData() {}

    static void seed(LocalStack stack, LocalDeployment.Result deployed) {
        try (DynamoDbClient dynamo = DynamoDbClient.builder()
                .endpointOverride(stack.endpoint())
                .region(stack.region())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            CatalogWiring.from(new Environment(Map.of("CATALOG_TABLE_NAME", table(deployed, "TablesCatalog"))), dynamo)
                    .seedDemoCatalog()
                    .execute();
            InventoryWiring.from(
                            new Environment(Map.of("INVENTORY_TABLE_NAME", table(deployed, "TablesInventory"))), dynamo)
                    .seedDemoInventory()
                    .execute();
        }
    }

    static String table(LocalDeployment.Result deployed, String logicalIdPrefix) {
        return deployed.stack().resources().entrySet().stream()
                .filter(e -> e.getKey().startsWith(logicalIdPrefix))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the deployed stack has no " + logicalIdPrefix + " table"))
                .getValue()
                .physicalId();
    }
}
