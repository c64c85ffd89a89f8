package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.scenario.Scenario;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.sandbox.server.SandboxServer;
import io.genieenhancer.sandbox.sql.SandboxDatabase;

import java.nio.file.Path;
import java.time.Clock;

/**
 * A running sandbox workspace: a Databricks-shaped HTTP API on 127.0.0.1 backed by an embedded H2
 * warehouse and a deterministic Genie, serving one scenario's space. Point the product's Databricks
 * client at {@link #url()} with {@link #token()} (or OAuth through {@code /oidc/v1/token}).
 *
 * <pre>{@code
 * try (SandboxWorkspace ws = SandboxWorkspace.start("retail", Knobs.defaults())) {
 *     client(ws.url(), ws.token()).getSpace(ws.spaceId());
 * }
 * }</pre>
 */
public final class SandboxWorkspace implements AutoCloseable {

    private final Scenario scenario;
    private final SandboxDatabase db;
    private final WorkspaceState state;
    private final SandboxServer server;

    private SandboxWorkspace(Scenario scenario, SandboxDatabase db, WorkspaceState state, SandboxServer server) {
        this.scenario = scenario;
        this.db = db;
        this.state = state;
        this.server = server;
    }

    /** @param scenario a scenario folder, or the name of a bundled one ("retail", "regress") */
    public static SandboxWorkspace start(String scenario, Knobs knobs) {
        return start(ScenarioLoader.locate(scenario), knobs, Clock.systemUTC());
    }

    public static SandboxWorkspace start(Path scenarioFolder, Knobs knobs) {
        return start(scenarioFolder, knobs, Clock.systemUTC());
    }

    /** With a clock of the caller's (e.g. {@link ManualClock}) for tests of delays, latency and rate limits. */
    public static SandboxWorkspace start(Path scenarioFolder, Knobs knobs, Clock clock) {
        return start(scenarioFolder, knobs, clock, 0);
    }

    /** On a fixed port (0 = ephemeral), for tools outside the JVM that need a known URL. */
    public static SandboxWorkspace start(Path scenarioFolder, Knobs knobs, Clock clock, int port) {
        Scenario scenario = ScenarioLoader.read(scenarioFolder);
        SandboxDatabase db = SandboxDatabase.create(scenario.catalog(), scenario.today());
        try {
            ScenarioLoader.install(scenario, db);
            WorkspaceState state = new WorkspaceState(scenario, db, knobs, clock);
            return new SandboxWorkspace(scenario, db, state, SandboxServer.start(state, port));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public static SandboxWorkspace start(String scenario, Knobs knobs, Clock clock) {
        return start(ScenarioLoader.locate(scenario), knobs, clock);
    }

    /** Base URL, e.g. {@code http://127.0.0.1:43121} (what DATABRICKS_HOST would be). */
    public String url() {
        return server.url();
    }

    /** A personal access token the workspace accepts (any non-empty bearer token is accepted). */
    public String token() {
        return "dapi-sandbox-" + scenario.spaceId().substring(0, 12);
    }

    public String spaceId() {
        return scenario.spaceId();
    }

    public String warehouseId() {
        return scenario.warehouseId();
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The workspace's state, for tests and tools that want to look behind the API. */
    public WorkspaceState state() {
        return state;
    }

    public void stop() {
        server.stop();
        db.close();
    }

    @Override
    public void close() {
        stop();
    }
}
