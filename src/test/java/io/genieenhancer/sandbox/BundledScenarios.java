package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.scenario.Scenario;
import io.genieenhancer.sandbox.scenario.ScenarioLoader;
import io.genieenhancer.space.SpaceConfig;
import io.genieenhancer.space.SpaceJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The scenarios bundled in {@code src/sandbox/resources/scenarios/}, found on the test classpath rather
 * than listed, so a scenario added by anyone is covered by every test that walks them.
 */
final class BundledScenarios {

    static final String IDEAL_FILE = "ideal.json";

    private BundledScenarios() {
    }

    /** Names of the folders under {@code scenarios/} that hold a {@code space.json}, sorted. */
    static List<String> names() {
        URL root = BundledScenarios.class.getClassLoader().getResource("scenarios");
        if (root == null || !"file".equals(root.getProtocol())) {
            throw new IllegalStateException("bundled scenarios are not a folder on the test classpath: " + root);
        }
        try (Stream<Path> folders = Files.list(Path.of(root.toURI()))) {
            return folders.filter(f -> Files.isRegularFile(f.resolve(ScenarioLoader.SPACE_FILE)))
                    .map(f -> f.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The scenario's ideal space: its {@code ideal.json} (bare space plus the ideal knowledge, same
     * benchmarks), or for retail, which predates the file, {@link RetailScenarioFixes#ideal}.
     */
    static Optional<SpaceConfig> ideal(String name, Scenario scenario) {
        Path file = ScenarioLoader.locate(name).resolve(IDEAL_FILE);
        if (Files.isRegularFile(file)) {
            try {
                return Optional.of(SpaceJson.parse(Files.readString(file)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return name.equals("retail") ? Optional.of(RetailScenarioFixes.ideal(scenario.space())) : Optional.empty();
    }
}
