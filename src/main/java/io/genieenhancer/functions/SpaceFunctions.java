package io.genieenhancer.functions;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.databricks.GenieSpace;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.RetryAdvice;
import io.genieenhancer.cycle.SpaceRestorer;
import io.genieenhancer.space.SpaceJson;
import io.genieenhancer.space.SpaceStats;
import io.genieenhancer.store.RunKeys;
import io.genieenhancer.store.RunStore;
import io.genieenhancer.store.Snapshots;
import io.genieenhancer.store.SpaceSnapshot;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.annotations.RegisterForReflection;

import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** {@code snapshot} and {@code restore}: save a space's configuration to the run store and put it back. */
public class SpaceFunctions {

    @Inject
    GenieSpaces spaces;

    @Inject
    RunStore store;

    @Inject
    Clock clock;

    @RegisterForReflection
    public record SnapshotInput(String spaceId, String runId, String label) {
        public SnapshotInput {
            RunKeys.safe("spaceId", spaceId);
            if (runId != null) {
                RunKeys.safe("runId", runId);
            }
            if (label != null) {
                RunKeys.safe("label", label);
            }
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SnapshotOutput(String spaceId, String snapshotKey, String versionId, String sha256, SpaceStats stats,
            String etag, RetryAdvice retry) {

        static SnapshotOutput retry(SnapshotInput in, RetryAdvice retry) {
            return new SnapshotOutput(in.spaceId(), null, null, null, null, null, retry);
        }
    }

    @RegisterForReflection
    public record RestoreInput(String spaceId, String snapshotKey, String versionId, String expectedEtag,
            String expectedSha256, Boolean force) {
        public RestoreInput {
            RunKeys.safe("spaceId", spaceId);
            Inputs.require("snapshotKey", snapshotKey);
            if (!snapshotKey.startsWith(RunKeys.space(spaceId))) {
                throw EnhancerException.invalidInput("snapshotKey must belong to space " + spaceId
                        + " (start with " + RunKeys.space(spaceId) + ")");
            }
        }
    }

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RestoreOutput(String spaceId, String snapshotKey, String versionId, Boolean changed, Boolean verified,
            String etag, String backupKey, RetryAdvice retry) {

        static RestoreOutput retry(RestoreInput in, RetryAdvice retry) {
            return new RestoreOutput(in.spaceId(), in.snapshotKey(), in.versionId(), null, null, null, null, retry);
        }
    }

    private record Saved(String snapshotKey, SpaceSnapshot snap, RunStore.StoredObject stored) {
    }

    /** Saves the space's current config under the run's or the space's snapshots, labelled (default: the time). */
    private Saved save(String spaceId, GenieSpace space, String runId, String label) {
        Instant now = clock.instant();
        String name = Optional.ofNullable(label).orElse(RunKeys.manualSnapshotLabel(now));
        String key = runId == null ? RunKeys.snapshot(spaceId, name)
                : RunKeys.runSnapshot(spaceId, runId, name);
        SpaceSnapshot snap = SpaceSnapshot.of(space, SpaceJson.parse(SpaceSnapshot.serializedOf(space)), name, now);
        return new Saved(key, snap, new Snapshots(store).save(key, snap));
    }

    @Funq
    public SnapshotOutput snapshot(JsonNode event) {
        SnapshotInput in = Inputs.bind(event, SnapshotInput.class);
        return Steps.run("snapshot", () -> {
            GenieSpace space = spaces.get(in.spaceId());
            Saved saved = save(in.spaceId(), space, in.runId(), in.label());
            return new SnapshotOutput(in.spaceId(), saved.snapshotKey(), saved.stored().versionId(), saved.snap().sha256(),
                    saved.snap().stats(), saved.snap().etag(), null);
        }, retry -> SnapshotOutput.retry(in, retry));
    }

    @Funq
    public RestoreOutput restore(JsonNode event) {
        RestoreInput in = Inputs.bind(event, RestoreInput.class);
        return Steps.run("restore", () -> {
            SpaceSnapshot snap = new Snapshots(store).load(in.snapshotKey(), Optional.ofNullable(in.versionId()));
            SpaceRestorer.Expected expected = new SpaceRestorer.Expected(Optional.ofNullable(in.expectedEtag()),
                    Optional.ofNullable(in.expectedSha256()));
            // a forced restore overwrites whatever is there: that config is snapshotted first, so it can be put back
            Optional<java.util.function.Function<GenieSpace, String>> backup = Boolean.TRUE.equals(in.force())
                    ? Optional.of(current -> save(in.spaceId(), current, null, RunKeys.forcedRestoreBackupLabel(clock.instant()))
                            .snapshotKey())
                    : Optional.empty();
            SpaceRestorer.Result r = new SpaceRestorer(spaces).restore(in.spaceId(), snap, expected, backup);
            return new RestoreOutput(in.spaceId(), in.snapshotKey(), in.versionId(), r.changed(), true, r.etag(),
                    r.backupKey().orElse(null), null);
        }, retry -> RestoreOutput.retry(in, retry));
    }

}
