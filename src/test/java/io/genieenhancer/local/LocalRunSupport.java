package io.genieenhancer.local;

import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;
import io.genieenhancer.store.LocalRunStore;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs the real state machine over the real functions against the test's sandbox. */
final class LocalRunSupport {

    private static final AtomicInteger RUNS = new AtomicInteger();

    private LocalRunSupport() {
    }

    static LocalRun.Outcome run(LocalRun.Options options) throws Exception {
        return run(LocalFunctions.fromContainer(), options);
    }

    static LocalRun.Outcome run(java.util.Map<String, FunctionHost.Function> functions, LocalRun.Options options)
            throws Exception {
        LocalRun local = new LocalRun(functions, new LocalRunStore(SandboxTestWorkspace.store()),
                SandboxTestWorkspace.store(), new PrintStream(System.out, true));
        String runId = "test-run-" + RUNS.incrementAndGet() + "-" + System.nanoTime() % 100000;
        return local.run(SandboxTestWorkspace.workspace().spaceId(), runId, options);
    }

    static String currentSerialized() {
        var ws = SandboxTestWorkspace.workspace();
        return ws.state().space(ws.spaceId()).serializedSpace();
    }

    static SpaceConfig currentConfig() {
        return SpaceJson.parse(currentSerialized());
    }

    static LocalRun.Options options(int maxIterations, double target) {
        return new LocalRun.Options(maxIterations, target, "BATCH_ALL", "SELF_RUN", 1, false, 8, 1);
    }
}
