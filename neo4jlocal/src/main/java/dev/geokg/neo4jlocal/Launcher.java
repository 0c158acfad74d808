package dev.geokg.neo4jlocal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.SettingValueParsers;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.logging.Level;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Embedded Neo4j Community DBMS exposing only Bolt on loopback, for local development and tests.
 * neo4j.sh drives it; it waits for the "ready" line, so that line is printed only once clients
 * can really log in.
 */
public final class Launcher {
    private static final String USAGE = "usage: Launcher --home DIR [--port 7687] [--user neo4j] [--password P]"
            + " [--pagecache 256m] [--tx-memory 512m]";

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        Map<String, String> opt = new HashMap<>(Map.of(
                "--port", "7687", "--user", "neo4j", "--password", "",
                "--pagecache", "256m", "--tx-memory", "512m"));
        String home = null;
        int port;
        long pageCache;
        long txMemory;
        try {
            for (int i = 0; i < args.length; i++) {
                // Accept both "--flag value" and "--flag=value"; anything unknown is a caller bug.
                String a = args[i];
                String v;
                int eq = a.indexOf('=');
                if (eq > 0) {
                    v = a.substring(eq + 1);
                    a = a.substring(0, eq);
                } else if (i + 1 < args.length) {
                    v = args[++i];
                } else {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                if (a.equals("--home")) {
                    home = v;
                } else if (opt.containsKey(a)) {
                    opt.put(a, v);
                } else {
                    throw new IllegalArgumentException("unknown flag " + a);
                }
            }
            if (home == null || home.isEmpty()) {
                throw new IllegalArgumentException("--home is required");
            }
            port = opt.get("--port").matches("[0-9]{1,5}") ? Integer.parseInt(opt.get("--port")) : -1;
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("--port must be 1..65535, got '" + opt.get("--port") + "'");
            }
            // Neo4j's own parser, so "256m", "1g", "512MiB" mean what they mean in neo4j.conf.
            pageCache = SettingValueParsers.BYTES.parse(opt.get("--pagecache"));
            txMemory = SettingValueParsers.BYTES.parse(opt.get("--tx-memory"));
            if (opt.get("--user").isEmpty()) {
                throw new IllegalArgumentException("--user must not be empty");
            }
        } catch (RuntimeException e) {
            System.err.println("neo4jlocal: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        String user = opt.get("--user");
        String password = opt.get("--password");
        boolean auth = !password.isEmpty();

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(Path.of(home).toAbsolutePath())
                // Loopback only: this is a dev/test instance, never something to expose.
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                // Advertise 127.0.0.1, not "localhost": neo4j:// routing tables hand this back to
                // drivers, and "localhost" may resolve to ::1 where nothing listens.
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, auth)
                // Dev passwords like "test" should work; the default minimum is 8.
                .setConfig(GraphDatabaseSettings.auth_minimum_password_length, 1)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                // Bounds heap used by transaction state so a runaway query fails instead of OOMing the JVM.
                .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size, txMemory)
                // Don't preallocate 256 MiB transaction-log files per database in every throwaway home.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                // dbms.usage_report.enabled: the machines have no internet, don't try to phone home.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt stops after the databases are checkpointed and closed, yet with the defaults (up
                // to 5 min each) its worker/connection wait took ~10 s per stop here once clients had
                // connected; tests that stop/start a lot would pay that every time. Internal settings.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
                // The user log (what neo4j.log holds on a server) goes to stdout, i.e. HOME/neo4jlocal.log;
                // WARN keeps it short, the verbose debug.log still lands in HOME/logs/.
                .setUserLogProvider(new Log4jLogProvider(System.out, Level.WARN))
                .build();
        long t1 = System.nanoTime();

        // Registered only once build() returned: a signal during startup just kills the JVM, and
        // Neo4j recovers that store on the next start. stopping guards against running twice.
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopping.compareAndSet(false, true)) {
                System.out.println("neo4jlocal: shutdown requested");
                dbms.shutdown();
                System.out.println("neo4jlocal: shutdown complete");
                System.out.flush();
                // The JVM would exit 143/130 after SIGTERM/SIGINT; a supervisor asking us to stop and
                // getting a clean shutdown is success. Main never returns, so only signals get here.
                Runtime.getRuntime().halt(0);
            }
        }, "neo4jlocal-shutdown"));

        try {
            if (auth) {
                setUpUser(dbms, user, password);
            }
        } catch (RuntimeException e) {
            System.err.println("neo4jlocal: setting up user " + user + " failed: " + e.getMessage());
            if (stopping.compareAndSet(false, true)) { // keep the hook from turning this into exit 0
                dbms.shutdown();
            }
            System.exit(1);
        }

        // Startup time is mostly JVM/Neo4j class loading and, with auth, compiling the first Cypher
        // (system) commands; printing both tells which one a slow machine is paying for.
        System.out.printf("neo4jlocal: dbms started in %.1fs, auth setup %.1fs%n",
                (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        // build() returns after the Bolt connector is bound, so clients can connect from here on.
        System.out.println("neo4jlocal: ready bolt://127.0.0.1:" + port);
        System.out.flush();
        try {
            new CountDownLatch(1).await(); // Neo4j's threads are daemons; park main until a signal.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Makes U/P valid logins on every start, so a reused HOME follows the flags it is given. Each
     * system command costs ~0.5-2 s here (Cypher compilation), so the common cases take one: a fresh
     * HOME's built-in neo4j user, or an existing user whose password changes.
     */
    private static void setUpUser(DatabaseManagementService dbms, String user, String password) {
        var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        Map<String, Object> p = Map.of("u", user, "p", password);
        try {
            int updates = system.executeTransactionally(
                    "ALTER USER $u IF EXISTS SET PASSWORD $p CHANGE NOT REQUIRED", p,
                    r -> r.getQueryStatistics().getSystemUpdates());
            if (updates == 0) {
                // No such user yet. Community has no roles: every user may do everything.
                system.executeTransactionally("CREATE USER $u SET PASSWORD $p CHANGE NOT REQUIRED", p);
            }
        } catch (QueryExecutionException e) {
            // Neo4j refuses to "change" a password to the one it already has, e.g. a restart with the
            // same flags; the password is right, only make sure no change is demanded (neo4j/neo4j).
            if (!e.getMessage().contains("cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER $u SET PASSWORD CHANGE NOT REQUIRED", p);
        }
    }
}
