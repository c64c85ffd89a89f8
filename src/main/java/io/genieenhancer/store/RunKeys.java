package io.genieenhancer.store;

import io.genieenhancer.error.EnhancerException;

import java.util.regex.Pattern;

/**
 * Every key of the run store is built here (and, inside an iteration's {@code evaluation/} folder, by
 * {@code evaluation.EvaluationKeys} on top of {@link #iteration}); README's "Run store layout" lists them all, and
 * {@code RunKeysLayoutTest} holds that list to these methods. Every id that becomes part of a key is checked here, so
 * hostile input cannot escape its prefix.
 */
public final class RunKeys {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private RunKeys() {
    }

    public static String safe(String what, String value) {
        if (value == null || !SAFE.matcher(value).matches() || value.contains("..")) {
            throw EnhancerException.invalidInput(what + " must be 1-128 characters of letters, digits, '.', '_' or '-'"
                    + (value == null ? " (missing)" : ""));
        }
        return value;
    }

    public static String space(String spaceId) {
        return "spaces/" + safe("spaceId", spaceId) + "/";
    }

    public static String lock(String spaceId) {
        return space(spaceId) + "lock";
    }

    /** Written when a failed run could not clean up; no run starts on the space while it exists (delete it to clear). */
    public static String cleanupFailed(String spaceId) {
        return space(spaceId) + "cleanup-failed.json";
    }

    public static String snapshot(String spaceId, String label) {
        return space(spaceId) + "snapshots/" + safe("label", label) + ".json";
    }

    /** A snapshot taken by hand for a run ({@code snapshot} with a runId): kept with the run, not the space. */
    public static String runSnapshot(String spaceId, String runId, String label) {
        return run(spaceId, runId) + "snapshots/" + safe("label", label) + ".json";
    }

    /** The label of a {@code snapshot} taken without one. */
    public static String manualSnapshotLabel(java.time.Instant at) {
        return "manual-" + at.toEpochMilli();
    }

    /** The label of the snapshot a forced {@code restore} takes of the config it overwrites. */
    public static String forcedRestoreBackupLabel(java.time.Instant at) {
        return "before-forced-restore-" + at.toEpochMilli();
    }

    /** Fixes a rollback rejected for the rest of the run. */
    public static String rejectedFixes(String spaceId, String runId) {
        return run(spaceId, runId) + "rejected-fixes.json";
    }

    /** What a dry run of {@code enhance} would have applied. */
    public static String dryRun(String spaceId, String runId, int iteration) {
        return iteration(spaceId, runId, iteration) + "dry-run.json";
    }

    public static String run(String spaceId, String runId) {
        return space(spaceId) + "runs/" + safe("runId", runId) + "/";
    }

    public static String iteration(String spaceId, String runId, int iteration) {
        if (iteration < 0) {
            throw EnhancerException.invalidInput("iteration must be >= 0, was " + iteration);
        }
        return run(spaceId, runId) + "iteration-" + iteration + "/";
    }

    public static String configBefore(String spaceId, String runId, int iteration) {
        return iteration(spaceId, runId, iteration) + "config-before.json";
    }

    public static String fixes(String spaceId, String runId, int iteration) {
        return iteration(spaceId, runId, iteration) + "fixes.json";
    }

    public static String evaluation(String spaceId, String runId, int iteration) {
        return iteration(spaceId, runId, iteration) + "evaluation.json";
    }

    public static String report(String spaceId, String runId, String extension) {
        return run(spaceId, runId) + "report." + extension;
    }
}
