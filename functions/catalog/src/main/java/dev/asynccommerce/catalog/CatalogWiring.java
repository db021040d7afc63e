package dev.asynccommerce.catalog;

import dev.asynccommerce.catalog.adapter.dynamodb.DynamoDbCatalogRepository;
import dev.asynccommerce.catalog.application.CatalogRepository;
import dev.asynccommerce.catalog.application.ListCatalogItems;
import dev.asynccommerce.catalog.application.ListStores;
import dev.asynccommerce.catalog.application.SeedDemoCatalog;
import dev.asynccommerce.platform.aws.AwsClients;
import dev.asynccommerce.platform.aws.Environment;
import java.util.Objects;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The catalog context's composition root: reads the environment once, builds the DynamoDB
 * adapter and the use cases. Handlers take one of these; so do the local stack (which passes its
 * own client) and tests (which pass an in-memory repository).
 */
public final class CatalogWiring {
    /** Name of the catalog table (see the module README for its layout). */
    public static final String TABLE_NAME_VARIABLE = "CATALOG_TABLE_NAME";

    private final ListCatalogItems listCatalogItems;
    private final ListStores listStores;
    private final SeedDemoCatalog seedDemoCatalog;

    public CatalogWiring(CatalogRepository catalog) {
        Objects.requireNonNull(catalog, "catalog");
        this.listCatalogItems = new ListCatalogItems(catalog);
        this.listStores = new ListStores(catalog);
        this.seedDemoCatalog = new SeedDemoCatalog(catalog);
    }

    /** The wiring of a deployed function: this process's environment, the platform's client. */
    public static CatalogWiring fromEnvironment() {
        return from(Environment.system(), AwsClients.dynamoDb());
    }

    /** The wiring for a given environment and DynamoDB client, e.g. the local stack's. */
    public static CatalogWiring from(Environment environment, DynamoDbClient dynamoDb) {
        DynamoDbEnhancedClient enhanced =
                DynamoDbEnhancedClient.builder().dynamoDbClient(dynamoDb).build();
        return new CatalogWiring(new DynamoDbCatalogRepository(enhanced, environment.require(TABLE_NAME_VARIABLE)));
    }

    public ListCatalogItems listCatalogItems() {
        return listCatalogItems;
    }

    public ListStores listStores() {
        return listStores;
    }

    public SeedDemoCatalog seedDemoCatalog() {
        return seedDemoCatalog;
    }
}
