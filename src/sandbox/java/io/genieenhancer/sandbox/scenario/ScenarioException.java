package io.genieenhancer.sandbox.scenario;

/**
 * A scenario folder cannot be used. The message always starts with the file at fault (relative to the
 * scenario folder) so whoever writes a scenario knows where to look: {@code "space.json: $.version: ..."}.
 */
public final class ScenarioException extends RuntimeException {
    private final String file;

    public ScenarioException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public ScenarioException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The file at fault, relative to the scenario folder (or the folder itself). */
    public String file() {
        return file;
    }
}
