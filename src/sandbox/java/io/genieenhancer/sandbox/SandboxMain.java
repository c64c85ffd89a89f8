package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.scenario.ScenarioLoader;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a sandbox workspace until interrupted, for poking at it by hand (curl, the Databricks CLI or SDK):
 * {@code java -cp <test classpath> io.genieenhancer.sandbox.SandboxMain [scenario] [port]}. Prints the
 * variables the product reads; knobs come from system properties / SANDBOX_* environment variables.
 */
public final class SandboxMain {

    private SandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String scenario = args.length > 0 ? args[0] : "retail";
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        SandboxWorkspace ws = SandboxWorkspace.start(ScenarioLoader.locate(scenario), Knobs.fromEnvironment(), Clock.systemUTC(), port);
        Runtime.getRuntime().addShutdownHook(new Thread(ws::stop));
        System.out.println("export DATABRICKS_HOST=" + ws.url());
        System.out.println("export DATABRICKS_TOKEN=" + ws.token());
        System.out.println("# space " + ws.spaceId() + ", warehouse " + ws.warehouseId() + ", knobs " + ws.state().knobs());
        new CountDownLatch(1).await();
    }
}
