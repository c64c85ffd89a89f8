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
    }

    @RegisterForReflection
    public record RestoreInput(String spaceId, String snapshotKey, String versionId, String expectedEtag, Boolean force) {
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
            String etag, RetryAdvice retry) {
    }

    @Funq
    public SnapshotOutput snapshot(JsonNode event) {
        SnapshotInput in = Inputs.bind(event, SnapshotInput.class);
        return Steps.run("snapshot", () -> {
            GenieSpace space = spaces.get(in.spaceId());
            Instant now = clock.instant();
            String label = Optional.ofNullable(in.label()).orElse("manual-" + now.toEpochMilli());
            String key = in.runId() == null ? RunKeys.snapshot(in.spaceId(), label)
                    : RunKeys.run(in.spaceId(), in.runId()) + "snapshots/" + label + ".json";
            SpaceSnapshot snap = SpaceSnapshot.of(space, SpaceJson.parse(SpaceSnapshot.serializedOf(space)), label, now);
            RunStore.StoredObject stored = new Snapshots(store).save(key, snap);
            return new SnapshotOutput(in.spaceId(), key, stored.versionId(), snap.sha256(), snap.stats(), snap.etag(), null);
        }, retry -> new SnapshotOutput(in.spaceId(), null, null, null, null, null, retry));
    }

    @Funq
    public RestoreOutput restore(JsonNode event) {
        RestoreInput in = Inputs.bind(event, RestoreInput.class);
        return Steps.run("restore", () -> {
            SpaceSnapshot snap = new Snapshots(store).load(in.snapshotKey(), Optional.ofNullable(in.versionId()));
            SpaceRestorer.Result r = new SpaceRestorer(spaces).restore(in.spaceId(), snap,
                    Optional.ofNullable(in.expectedEtag()), Boolean.TRUE.equals(in.force()));
            return new RestoreOutput(in.spaceId(), in.snapshotKey(), in.versionId(), r.changed(), true, r.etag(), null);
        }, retry -> new RestoreOutput(in.spaceId(), in.snapshotKey(), in.versionId(), null, null, null, retry));
    }

}
