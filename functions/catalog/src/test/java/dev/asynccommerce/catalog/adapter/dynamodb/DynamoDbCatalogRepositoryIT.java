package dev.asynccommerce.catalog.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.catalog.application.SeedDemoCatalog;
import dev.asynccommerce.catalog.domain.CatalogItem;
import dev.asynccommerce.catalog.domain.Store;
import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.TestTable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

class DynamoDbCatalogRepositoryIT {
    private static final DynamoDbClient DYNAMO = DynamoDbLocal.shared().client();
    private static final DynamoDbEnhancedClient ENHANCED =
            DynamoDbEnhancedClient.builder().dynamoDbClient(DYNAMO).build();

    private String table;
    private DynamoDbCatalogRepository catalog;

    @BeforeEach
    void createTable() {
        table = TestTable.named("catalog").withSortKey("sk").create(DYNAMO);
        catalog = new DynamoDbCatalogRepository(ENHANCED, table);
    }

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    @Test
    void writesItemsAndStoresInTheContractLayout() {
        catalog.saveItem(new CatalogItem(new Sku("SKU-0004"), "Chef's Knife 20 cm", Money.of(4999, "EUR")));
        catalog.saveStore(new Store(new StoreId("store-001"), "Amsterdam Centraal"));

        // Read with the low-level client, as another context would: this is the published layout.
        Map<String, AttributeValue> item = DYNAMO.getItem(
                        b -> b.tableName(table).key(Map.of("pk", s("ITEM"), "sk", s("SKU-0004"))))
                .item();
        assertThat(item)
                .containsOnly(
                        Map.entry("pk", s("ITEM")),
                        Map.entry("sk", s("SKU-0004")),
                        Map.entry("name", s("Chef's Knife 20 cm")),
                        Map.entry("priceCents", AttributeValue.fromN("4999")),
                        Map.entry("currency", s("EUR")));
        Map<String, AttributeValue> store = DYNAMO.getItem(
                        b -> b.tableName(table).key(Map.of("pk", s("STORE"), "sk", s("store-001"))))
                .item();
        assertThat(store)
                .containsOnly(
                        Map.entry("pk", s("STORE")),
                        Map.entry("sk", s("store-001")),
                        Map.entry("name", s("Amsterdam Centraal")));
    }

    @Test
    void readsBackWhatItWroteKeepingItemsAndStoresApart() {
        catalog.saveItem(new CatalogItem(new Sku("SKU-0002"), "Bottle", Money.of(1999, "EUR")));
        catalog.saveItem(new CatalogItem(new Sku("SKU-0001"), "Cups", Money.of(1299, "USD")));
        catalog.saveStore(new Store(new StoreId("store-002"), "Rotterdam"));

        assertThat(catalog.findAllItems())
                .containsExactly(
                        new CatalogItem(new Sku("SKU-0001"), "Cups", Money.of(1299, "USD")),
                        new CatalogItem(new Sku("SKU-0002"), "Bottle", Money.of(1999, "EUR")));
        assertThat(catalog.findAllStores()).containsExactly(new Store(new StoreId("store-002"), "Rotterdam"));
    }

    @Test
    void aSaveReplacesTheItemUnderTheSameSku() {
        Sku sku = new Sku("SKU-0001");
        catalog.saveItem(new CatalogItem(sku, "Cups", Money.of(1299, "EUR")));
        catalog.saveItem(new CatalogItem(sku, "Cups (set of 6)", Money.of(1799, "EUR")));

        assertThat(catalog.findAllItems())
                .containsExactly(new CatalogItem(sku, "Cups (set of 6)", Money.of(1799, "EUR")));
    }

    @Test
    void listsEveryPageWhenThereIsMoreThanOnePage() {
        new SeedDemoCatalog(catalog).execute();
        AtomicInteger queries = new AtomicInteger();
        ExecutionInterceptor countQueries = new ExecutionInterceptor() {
            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof QueryRequest) {
                    queries.incrementAndGet();
                }
            }
        };

        try (DynamoDbClient counted = DynamoDbClient.builder()
                .endpointOverride(DynamoDbLocal.shared().endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(countQueries))
                .build()) {
            var threePerPage = new DynamoDbCatalogRepository(
                    DynamoDbEnhancedClient.builder().dynamoDbClient(counted).build(), table, 3);

            assertThat(threePerPage.findAllItems())
                    .extracting(item -> item.sku().value())
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 20)
                            .mapToObj("SKU-%04d"::formatted)
                            .toList());
            // 20 items at 3 a page take at least 7 Queries; fewer means the page size was ignored.
            assertThat(queries.get()).isGreaterThanOrEqualTo(7);
        }
        assertThat(new DynamoDbCatalogRepository(ENHANCED, table, 2).findAllStores())
                .extracting(store -> store.storeId().value())
                .containsExactly("store-001", "store-002", "store-003");
    }

    @Test
    void seedingTwiceLeavesTheSameTwentyItemsAndThreeStores() {
        SeedDemoCatalog seed = new SeedDemoCatalog(catalog);
        seed.execute();
        List<CatalogItem> first = catalog.findAllItems();

        seed.execute();

        assertThat(catalog.findAllItems()).hasSize(20).isEqualTo(first).isEqualTo(SeedDemoCatalog.DEMO_ITEMS);
        assertThat(catalog.findAllStores()).isEqualTo(SeedDemoCatalog.DEMO_STORES);
        assertThat(DYNAMO.scan(b -> b.tableName(table)).count()).isEqualTo(23);
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
