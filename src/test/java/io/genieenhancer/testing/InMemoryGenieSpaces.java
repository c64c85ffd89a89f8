package io.genieenhancer.testing;

import io.genieenhancer.databricks.GenieSpace;
import io.genieenhancer.databricks.GenieSpaceUpdate;
import io.genieenhancer.databricks.GenieSpaces;
import io.genieenhancer.error.EnhancerException;
import io.genieenhancer.error.ErrorCode;

import java.util.ArrayList;
import java.util.List;

/**
 * One Genie space held in memory with the server's update semantics that matter to us: every update
 * changes the etag, and an update with a stale etag is refused. Records every update body.
 */
public final class InMemoryGenieSpaces implements GenieSpaces {

    private final String spaceId;
    private String serialized;
    private int version = 1;
    private RuntimeException failNextUpdate;
    private boolean etags = true;
    public final List<GenieSpaceUpdate> updates = new ArrayList<>();

    public InMemoryGenieSpaces(String spaceId, String serialized) {
        this.spaceId = spaceId;
        this.serialized = serialized;
    }

    public synchronized String serialized() {
        return serialized;
    }

    public synchronized String etag() {
        return etags ? "etag-" + version : null;
    }

    /** Like a server that gives no etag and ignores the one sent: only our own checks protect the space. */
    public synchronized InMemoryGenieSpaces withoutEtags() {
        etags = false;
        return this;
    }

    /** Someone else edits the space. */
    public synchronized void externalEdit(String newSerialized) {
        serialized = newSerialized;
        version++;
    }

    public synchronized void failNextUpdate(RuntimeException e) {
        failNextUpdate = e;
    }

    @Override
    public synchronized GenieSpace get(String id) {
        if (!id.equals(spaceId)) {
            throw new EnhancerException(ErrorCode.SpaceNotFound, "space " + id + " not found");
        }
        return new GenieSpace(spaceId, "Space", null, "wh", null, serialized, etag(), null, null);
    }

    @Override
    public synchronized GenieSpace update(String id, GenieSpaceUpdate update) {
        get(id);
        if (failNextUpdate != null) {
            RuntimeException e = failNextUpdate;
            failNextUpdate = null;
            throw e;
        }
        if (update.etag() != null && !update.etag().equals(etag())) {
            throw new EnhancerException(ErrorCode.ConcurrentModification, "etag " + update.etag() + " is stale");
        }
        updates.add(update);
        serialized = update.serializedSpace();
        version++;
        return get(id);
    }

    @Override
    public List<GenieSpace> list() {
        return List.of(get(spaceId));
    }
}
