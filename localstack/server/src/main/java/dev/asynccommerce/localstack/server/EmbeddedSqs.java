package dev.asynccommerce.localstack.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import scala.Option;
import scala.collection.immutable.Nil$;
import scala.concurrent.Await;
import scala.util.Either;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;

/**
 * ElasticMQ on a loopback port, answering for the stack's SQS. With a data directory, its queues and
 * every message (body, attributes, receive count, when it may next be delivered) are written through
 * to an H2 database there by ElasticMQ's own SQL persistence, and come back when the stack starts
 * again on that directory: a message sent before a restart is received after it, an in-flight one
 * reappears when its visibility timeout ends, and a receive count keeps counting towards the
 * dead-letter queue.
 *
 * <p>ElasticMQ reaches that database through scalikejdbc's one default connection pool per JVM, which
 * it opens once and never closes. This class points that pool at the stack's directory before
 * ElasticMQ uses it and closes it when the stack stops, so a stack restarted in the same JVM (a test)
 * may use any directory; two stacks persisting at the same time in one JVM are refused.
 */
final class EmbeddedSqs implements AutoCloseable {
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);
    /** Whether a stack of this JVM has ElasticMQ's (one, JVM-wide) database pool open now. */
    private static final AtomicBoolean POOL_IN_USE = new AtomicBoolean();

    private final ActorSystem actors;
    private final SQSRestServer server;
    private final boolean persisted;
    private final int port;

    private EmbeddedSqs(ActorSystem actors, SQSRestServer server, boolean persisted) {
        this.actors = actors;
        this.server = server;
        this.persisted = persisted;
        this.port = server.waitUntilStarted().localAddress().getPort();
    }

    /**
     * Starts ElasticMQ; queue URLs name {@code publicAddress}, so that clients come back through the
     * stack's gateway. {@code dataDirectory} null keeps everything in memory.
     */
    static EmbeddedSqs start(NodeAddress publicAddress, String region, String account, Path dataDirectory)
            throws Exception {
        if (dataDirectory != null && !POOL_IN_USE.compareAndSet(false, true)) {
            throw new IllegalStateException("another local stack in this process persists its queues already;"
                    + " ElasticMQ keeps one database per process");
        }
        ActorSystem actors = ActorSystem.create("elasticmq");
        try {
            Option<ActorRef> persistence = Option.empty();
            if (dataDirectory != null) {
                persistence = Option.apply(actors.actorOf(
                        Props.create(SqlQueuePersistenceActor.class, persistenceConfig(dataDirectory), Nil$.MODULE$),
                        "sqs-persistence"));
            }
            // The server's default limits (StrictSQSLimits: SQS's own message size, batch and name rules).
            ActorRef queues = actors.actorOf(
                    Props.create(QueueManagerActor.class, new NowProvider(), StrictSQSLimits$.MODULE$, persistence),
                    "sqs-queues");
            if (persistence.isDefined()) {
                restore(persistence.get(), queues);
            }
            SQSRestServer server = SQSRestServerBuilder.withActorSystem(actors)
                    .withQueueManagerActor(queues)
                    .withInterface("127.0.0.1")
                    .withDynamicPort()
                    .withServerAddress(publicAddress)
                    .withAWSRegion(region)
                    .withAWSAccountId(account)
                    .start();
            return new EmbeddedSqs(actors, server, dataDirectory != null);
        } catch (Exception | Error e) {
            actors.terminate();
            if (dataDirectory != null) {
                releasePool();
            }
            throw e;
        }
    }

    private static SqlQueuePersistenceConfig persistenceConfig(Path dataDirectory) throws Exception {
        Path directory = dataDirectory.resolve("sqs").toAbsolutePath().normalize();
        Files.createDirectories(directory);
        String uri = "jdbc:h2:file:" + directory.resolve("queues"); // H2 adds .mv.db
        Class.forName("org.h2.Driver");
        // ElasticMQ opens the default pool only the first time in a JVM; this (re)points it at our file.
        ConnectionPool$ pools = ConnectionPool$.MODULE$;
        ConnectionPoolSettings settings = pools.singleton$default$4();
        pools.singleton(uri, "", "", settings, pools.singleton$default$5(uri, "", "", settings));
        // enabled, the H2 driver, the file, no user, keep the data that is there.
        return new SqlQueuePersistenceConfig(true, "org.h2.Driver", uri, "", "", false);
    }

    /** Closes the database (H2 releases its file) and lets another stack of this JVM persist. */
    private static void releasePool() {
        try {
            ConnectionPool$.MODULE$.closeAll();
        } finally {
            POOL_IN_USE.set(false);
        }
    }

    /** Creates the persisted queues again and puts their messages back, before anyone can ask for them. */
    private static void restore(ActorRef persistence, ActorRef queues) throws Exception {
        Object answer = Await.result(
                Patterns.ask(persistence, new QueueEvent.Restore(queues), RESTORE_TIMEOUT.toMillis()),
                scala.concurrent.duration.Duration.create(RESTORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        if (answer instanceof Either<?, ?> result && result.isLeft()) {
            throw new IllegalStateException("the persisted SQS queues could not be restored: " + result.left());
        }
    }

    /** The loopback port ElasticMQ answers on. */
    int port() {
        return port;
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
        } finally {
            // The actor system is ours (withActorSystem), so ElasticMQ does not end it.
            actors.terminate();
            try {
                Await.result(actors.whenTerminated(), scala.concurrent.duration.Duration.create(30, TimeUnit.SECONDS));
            } catch (Exception e) {
                // Shutting down: a slow actor system does not hold the stack up further.
            }
            if (persisted) {
                releasePool();
            }
        }
    }
}
