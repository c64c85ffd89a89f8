package io.genieenhancer.databricks;

import com.fasterxml.jackson.databind.JsonNode;

import io.genieenhancer.error.ErrorCode;

import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static io.genieenhancer.databricks.DatabricksWorkspace.required;

/** {@link GenieSpaces} over the workspace REST API. */
@ApplicationScoped
public class RestGenieSpaces implements GenieSpaces {

    private static final Logger LOG = Logger.getLogger(RestGenieSpaces.class);

    @Inject
    DatabricksWorkspace workspace;

    @Override
    public GenieSpace get(String spaceId) {
        required("spaceId", spaceId);
        return workspace.call(Operation.GET_SPACE, spaceId, (api, auth) -> api.getSpace(auth, spaceId, true), GenieSpace.class);
    }

    @Override
    public GenieSpace update(String spaceId, GenieSpaceUpdate update) {
        required("spaceId", spaceId);
        Objects.requireNonNull(update, "update");
        required("serialized_space", update.serializedSpace());
        String body = DatabricksJson.write(update);
        try {
            return workspace.call(Operation.UPDATE_SPACE, spaceId, (api, auth) -> api.updateSpace(auth, spaceId, body), GenieSpace.class);
        } catch (DatabricksApiException e) {
            if (e.code() == ErrorCode.ConcurrentModification && update.etag() != null) {
                // An earlier attempt that timed out may have been applied: then the "conflict" is our own write.
                Optional<GenieSpace> landed = ourWriteLanded(spaceId, update.serializedSpace());
                if (landed.isPresent()) {
                    LOG.infof("updateSpace %s: etag conflict was our own earlier attempt; the space holds our content", spaceId);
                    return landed.get();
                }
            }
            throw e;
        }
    }

    @Override
    public List<GenieSpace> list() {
        return DatabricksWorkspace.allPages(Operation.LIST_SPACES, "",
                token -> workspace.call(Operation.LIST_SPACES, token.orElse(""),
                        (api, auth) -> api.listSpaces(auth, null, token.orElse(null)), GenieListSpacesResponse.class),
                GenieListSpacesResponse::spaces, GenieListSpacesResponse::nextPageToken);
    }

    private Optional<GenieSpace> ourWriteLanded(String spaceId, String serializedSpace) {
        try {
            GenieSpace now = get(spaceId);
            return sameJson(now.serializedSpace(), serializedSpace) ? Optional.of(now) : Optional.empty();
        } catch (io.genieenhancer.error.EnhancerException cannotTell) {
            // the conflict is the answer that matters; failing to double-check it must not hide it
            LOG.debugf("updateSpace %s: could not re-read the space after a conflict: %s", spaceId, cannotTell.getMessage());
            return Optional.empty();
        }
    }

    /** Compared as JSON trees: the server may re-serialise with other whitespace or key order. */
    static boolean sameJson(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        try {
            JsonNode x = DatabricksJson.MAPPER.readTree(a);
            JsonNode y = DatabricksJson.MAPPER.readTree(b);
            return x.equals(y);
        } catch (Exception e) {
            return a.equals(b);
        }
    }
}
