package io.genieenhancer.sandbox;

import io.genieenhancer.sandbox.scenario.ScenarioLoader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of bundled scenario folders, for tests that change a file of one. */
public final class ScenarioFolders {

    private ScenarioFolders() {
    }

    /** The bundled scenario {@code name} copied to the new folder {@code to}; returns {@code to}. */
    public static Path copy(String name, Path to) throws IOException {
        Path source = ScenarioLoader.locate(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return to;
    }
}
