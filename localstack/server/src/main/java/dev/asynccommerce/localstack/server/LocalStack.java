package dev.asynccommerce.localstack.server;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import dev.asynccommerce.localstack.apigateway.ApiGateway;
import dev.asynccommerce.localstack.clock.VirtualClock;
import dev.asynccommerce.localstack.deployer.CloudAssembly;
import dev.asynccommerce.localstack.deployer.Provisioner;
import dev.asynccommerce.localstack.eventbridge.EventBridge;
import dev.asynccommerce.localstack.eventbridge.EventBridgeApi;
import dev.asynccommerce.localstack.eventbridge.delivery.StepFunctionsTargets;
import dev.asynccommerce.localstack.eventsources.EventSourceMappings;
import dev.asynccommerce.localstack.lambda.LambdaApi;
import dev.asynccommerce.localstack.lambda.LambdaService;
import dev.asynccommerce.localstack.spi.PersistentState;
import dev.asynccommerce.localstack.stepfunctions.StepFunctionsApi;
import dev.asynccommerce.localstack.stepfunctions.StepFunctionsEngine;
import dev.asynccommerce.localstack.stepfunctions.integration.AwsSdkIntegrations;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.elasticmq.NodeAddress;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The project's own local AWS stack (not the LocalStack product) in one process and on one endpoint:
 * DynamoDB and DynamoDB Streams (AWS's DynamoDB Local), SQS (ElasticMQ), EventBridge and Step Functions
 * (the stack's own emulators), all on one virtual clock, all reachable by the unmodified AWS SDK with an
 * endpoint override. Services call each other through that same endpoint, as they would on AWS.
 *
 * <p>Lambda (functions in their own JVMs), the API gateway and the template deployment are mounted here
 * too; {@code /_local} controls reset the stack and inject faults into any AWS operation it serves. See
 * docs/decisions/2026-11-21-local-stack-architecture.md.
 */
public final class LocalStack implements AutoCloseable {
    /** How long a new function environment may take to start (see the Lambda service's builder). */
    static final Duration LOCAL_INIT_TIMEOUT = Duration.ofSeconds(60);

    public static final String ACCOUNT = "000000000000";

    private final VirtualClock clock;
    private final Server server;
    private final EmbeddedSqs elasticMq;
    private final StepFunctionsEngine stepFunctions;
    private final EventBridge eventBridge;
    private final LambdaService lambda;
    private final LocalIdentity identity;
    private final LocalDynamoDBRequestHandler dynamoDbEngine;
    private final DynamoDbClient dynamoForTtl;
    private final TimeToLive timeToLive;
    private final EventSourceMappings mappings;
    private final DynamoDbStreamsClient streamsForMappings;
    private final ApiGateway apis;
    private final SqsClient sqsForTargets;
    private final DynamoDbClient dynamoForReset;
    private final Faults faults = new Faults(() -> ThreadLocalRandom.current().nextDouble());
    /** X-Ray: what sampled invocations and executions record, served by the X-Ray API on this endpoint. */
    private final XRayStore traces = new XRayStore();
    // What POST /_local/reset does; replaced when a deployment is made, read by the controls.
    private volatile Runnable reset;
    /** What the deployment's simulated customer channel sent; nothing before a deployment. */
    private volatile Supplier<List<Map<String, Object>>> sentNotifications = List::of;

    private volatile SimulatedProviderFaults providerFaults = SimulatedProviderFaults.NONE;
    /** What /_local/health says: "starting" until a deployment is in place (and seeded, when asked to). */
    private volatile String status = "starting";
    /** With a data directory: the in-memory state of the services, saved at the stop, restored at the start. */
    private final SavedState saved;
    /** The services {@link #saved} hands back after the first deployment (the clock's comes back at once). */
    private final List<PersistentState> restoredAfterDeployment;
    /** Set once the saved state was handed back (or there was none to hand back): only then is it saved again. */
    private final AtomicBoolean restored = new AtomicBoolean();

    private final URI endpoint;
    private final Region region;

    /**
     * How to start.
     *
     * @param port 0 for any free port
     * @param dataDirectory where DynamoDB keeps its data across restarts, or null to keep it in memory
     * @param clockStart where a manual clock starts, or null for a clock that follows the wall clock
     */
    public record Options(int port, Path dataDirectory, String region, Instant clockStart) {
        public static Options defaults() {
            return new Options(4566, null, "us-east-1", null);
        }

        public Options withPort(int newPort) {
            return new Options(newPort, dataDirectory, region, clockStart);
        }

        public Options withManualClock(Instant start) {
            return new Options(port, dataDirectory, region, start);
        }
    }

    private LocalStack(Options options) throws Exception {
        this.region = Region.of(options.region());
        this.clock = options.clockStart() == null
                ? VirtualClock.flowing(Clock.systemUTC())
                : VirtualClock.manual(options.clockStart());

        QueuedThreadPool threads = new QueuedThreadPool(256, 8);
        threads.setName("local-stack");
        this.server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(options.port());
        server.addConnector(connector);
        connector.open();
        this.endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
        this.identity = new LocalIdentity(endpoint.toString());

        // ElasticMQ writes this address into every queue URL, so clients come back through the gateway.
        this.elasticMq = EmbeddedSqs.start(
                new NodeAddress("http", "127.0.0.1", connector.getLocalPort(), ""),
                region.id(),
                ACCOUNT,
                options.dataDirectory());
        try {
            int elasticMqPort = elasticMq.port();

            this.sqsForTargets = onThisEndpoint(SqsClient.builder());
            this.lambda = LambdaService.builder()
                    .region(region.id())
                    .account(ACCOUNT)
                    .workDirectory(Files.createTempDirectory("local-stack-lambda"))
                    .timers(clock.asTimers())
                    .credentials("local", "local", "local")
                    // Lambda allows 10 s of init, and SnapStart restores a Java function in well under one.
                    // Here every environment is a fresh JVM, and a burst of them on a small machine takes far
                    // longer; an init that really hangs still times out.
                    .initTimeout(LOCAL_INIT_TIMEOUT)
                    .segments(traces)
                    // Records of asynchronous invocations that failed every attempt, to their on-failure queue.
                    .asyncFailureDestinations((queueArn, record) ->
                            sqsForTargets.sendMessage(b -> b.queueUrl(sqsForTargets
                                            .getQueueUrl(
                                                    q -> q.queueName(queueArn.substring(queueArn.lastIndexOf(':') + 1)))
                                            .queueUrl())
                                    .messageBody(record)))
                    .build();
            clock.addQuiescence(lambda::awaitIdle);
            this.streamsForMappings = onThisEndpoint(DynamoDbStreamsClient.builder());
            this.mappings = EventSourceMappings.builder()
                    .invoker(LambdaFunctions.invoker(lambda))
                    .timers(clock.asTimers())
                    .sqs(sqsForTargets)
                    .streams(streamsForMappings)
                    .region(region.id())
                    .build();
            clock.addQuiescence(mappings::awaitIdle);
            this.stepFunctions = StepFunctionsEngine.builder()
                    .clock(clock)
                    .region(region.id())
                    .accountId(ACCOUNT)
                    .localFunctions(new LambdaFunctions(lambda))
                    .integrations(AwsSdkIntegrations.at(endpoint, region))
                    .segments(traces)
                    .build();
            this.eventBridge = EventBridge.builder()
                    .account(ACCOUNT)
                    .region(region.id())
                    .timers(clock.asTimers())
                    .sqs(sqsForTargets)
                    .lambda(LambdaFunctions.eventTargets(lambda))
                    .stepFunctions(new StepFunctionsTargets() {
                        @Override
                        public void startExecution(String stateMachineArn, String input) {
                            startExecution(stateMachineArn, input, null);
                        }

                        /** The execution continues the event's trace (its traceHeader). */
                        @Override
                        public void startExecution(String stateMachineArn, String input, String traceHeader) {
                            stepFunctions.startExecution(stateMachineArn, null, input, traceHeader);
                        }
                    })
                    .build();
            clock.addQuiescence(eventBridge::awaitIdle);
            this.dynamoForTtl = onThisEndpoint(DynamoDbClient.builder());
            this.timeToLive = new TimeToLive(dynamoForTtl, clock);

            this.dynamoDbEngine =
                    new DynamoDbEngine(options.dataDirectory() == null, dataPath(options.dataDirectory()));
            LocalDynamoDBServerHandler dynamoDb = new LocalDynamoDBServerHandler(dynamoDbEngine, "*");
            this.dynamoForReset = onThisEndpoint(DynamoDbClient.builder());
            // Before any deployment there are no tables of its own to empty and nothing to seed.
            this.reset = resetFor(List.of(), () -> {}, () -> {});
            Controls controls = new Controls(
                    clock,
                    () -> status,
                    List.of("dynamodb", "dynamodbstreams", "sqs", "events", "states", "lambda", "apigateway"),
                    faults,
                    () -> reset.run(),
                    () -> sentNotifications.get(),
                    () -> providerFaults);
            this.apis = new ApiGateway(LambdaFunctions.invoker(lambda), issuer -> identity.jwks(), clock::now, ACCOUNT);
            // The API gateway answers /_aws/execute-api and /_aws/ws; everything else falls through to the router.
            server.setHandler(new Handler.Sequence(
                    apis.handler(server),
                    new Gateway(
                            dynamoDb,
                            new StepFunctionsApi(stepFunctions),
                            new EventBridgeApi(eventBridge),
                            new LambdaApi(lambda),
                            new XRayApi(traces, clock::now, ACCOUNT),
                            identity,
                            new SqsProxy(URI.create("http://127.0.0.1:" + elasticMqPort + "/"), clock),
                            controls,
                            faults)));
            ClockState clockState = new ClockState(clock, options.clockStart() != null, Instant::now);
            this.restoredAfterDeployment = List.of(stepFunctions, eventBridge, mappings, lambda);
            this.saved = options.dataDirectory() == null
                    ? null
                    : new SavedState(
                            options.dataDirectory(),
                            // Saved in this order: EventBridge stops delivering first, so nothing starts an
                            // execution or queues a Lambda event the later saves would miss.
                            List.of(eventBridge, stepFunctions, lambda, mappings, clockState));
            server.start();
            if (saved != null) {
                // Serving (a timer that falls due may call the endpoint), but before anything is deployed:
                // restored after the deployment, the advance would fire every timer the deployment created
                // at once (a rate rule once per period of the advance).
                saved.restore(clockState);
            }
        } catch (Exception | Error e) {
            // Nothing else will close what started: ElasticMQ's actors and (with a data directory) its
            // database, which another stack of this JVM could otherwise never open again.
            elasticMq.close();
            server.stop();
            throw e;
        }
    }

    /** An unmodified SDK client of the stack's own, calling its endpoint as a function would. */
    private <C, B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>> C onThisEndpoint(B builder) {
        return builder.endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Starts the stack; the returned stack is serving. */
    public static LocalStack start(Options options) {
        Objects.requireNonNull(options, "options");
        try {
            return new LocalStack(options);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the local stack did not start: " + e.getMessage(), e);
        }
    }

    private static String dataPath(Path directory) throws Exception {
        if (directory == null) {
            return null;
        }
        Files.createDirectories(directory);
        return directory.toAbsolutePath().toString();
    }

    /** The one endpoint every service answers on. */
    public URI endpoint() {
        return endpoint;
    }

    public Region region() {
        return region;
    }

    /**
     * Deploys a synthesized stack (a {@code cdk.out} directory) into this stack; {@code extraProvisioners}
     * add or replace the provisioner of a resource type.
     */
    public LocalDeployment.Result deploy(CloudAssembly assembly, Map<String, Provisioner> extraProvisioners) {
        return deploy(assembly, extraProvisioners, deployed -> {});
    }

    /**
     * Deploys, then seeds the deployment with {@code seed}, which {@code POST /_local/reset} runs again;
     * {@code /_local/health} says "ready" only once both are done.
     */
    public LocalDeployment.Result deploy(
            CloudAssembly assembly,
            Map<String, Provisioner> extraProvisioners,
            java.util.function.Consumer<LocalDeployment.Result> seed) {
        status = "starting";
        // Stream mappings the deployment creates must not start reading before their saved positions are
        // back: they would deliver again, from the start of the stream, what was delivered before the stop.
        // A failed deployment leaves them held; the stack is closed then.
        boolean restoring = saved != null && !restored.get();
        if (restoring) {
            mappings.hold();
        }
        LocalDeployment.Result deployed = LocalDeployment.deploy(this, assembly, extraProvisioners);
        restoreSavedState();
        if (restoring) {
            mappings.release();
        }
        Runnable seedThis = () -> seed.accept(deployed);
        seedThis.run();
        resetRestores(deployed, seedThis);
        return deployed;
    }

    /**
     * Makes {@code POST /_local/reset} restore this deployment: its tables emptied, every queue purged,
     * executions, archives and WebSocket connections dropped, then {@code seed} run again (the demo data,
     * unless the stack was started with {@code --no-seed}). See {@link StackReset}.
     */
    public void resetRestores(LocalDeployment.Result deployed, Runnable seed) {
        this.reset = resetFor(deployed.physicalIdsOf("AWS::DynamoDB::Table"), deployed.registerApis(), seed);
        this.sentNotifications = CustomerNotifications.of(deployed, dynamoForReset);
        this.providerFaults = SimulatedProviderFaults.of(deployed, dynamoForReset);
        this.status = "ready";
    }

    /**
     * Hands the services what the last stop saved in the data directory, once the deployment has
     * created their resources again; at most once per start. {@link #deploy} does this; a caller that
     * deploys through the {@code Deployer} itself calls it after.
     */
    public void restoreSavedState() {
        if (restored.compareAndSet(false, true) && saved != null) {
            restoredAfterDeployment.forEach(saved::restore);
        }
    }

    private Runnable resetFor(List<String> tables, Runnable registerApis, Runnable seed) {
        return new StackReset(
                faults,
                mappings,
                stepFunctions,
                eventBridge,
                lambda,
                sqsForTargets,
                dynamoForReset,
                traces,
                tables,
                registerApis,
                seed);
    }

    public EventSourceMappings mappings() {
        return mappings;
    }

    /** The stack's stand-in for Cognito token signing (JWKS, issuers, staff tokens). */
    public LocalIdentity identity() {
        return identity;
    }

    public LambdaService lambda() {
        return lambda;
    }

    public ApiGateway apis() {
        return apis;
    }

    public VirtualClock clock() {
        return clock;
    }

    @Override
    public void close() {
        // Pollers first: they read through the gateway, and would otherwise fail against a stopped server.
        mappings.close();
        // For the clients, the service goes away: each connection ends (1001) and its $disconnect runs
        // while the functions still do. Connections cannot outlive the process that holds their sockets.
        apis.closeConnections(Duration.ofSeconds(10));
        // Saved while the endpoint still answers, so that work under way ends as it would have (a task's
        // call does not fail for the stop and get saved as failed); what runs on after its service saved
        // is done again after the restart. A stack that never got its state back saves nothing, so a
        // failed start cannot wipe the last save.
        if (saved != null && restored.get()) {
            saved.save();
        }
        try {
            server.stop();
        } catch (Exception e) {
            // Shutting down: nothing further depends on a clean stop.
        }
        dynamoForTtl.close();
        streamsForMappings.close();
        eventBridge.close();
        stepFunctions.close();
        lambda.close();
        sqsForTargets.close();
        dynamoForReset.close();
        elasticMq.close();
        // Closes DynamoDB Local's database, so a persisted data directory can be opened again.
        dynamoDbEngine.shutdown();
        clock.close();
    }
}
