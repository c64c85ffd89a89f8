package io.genieenhancer.databricks;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Databricks REST endpoints the enhancer uses, as a Quarkus REST Client interface (built programmatically by
 * {@link DatabricksWorkspace}, because the base URL can come from a secret). Methods return the raw
 * {@link Response}: {@link DatabricksWorkspace} reads status, Retry-After and body itself so that error bodies,
 * truncated JSON and rate limits are handled in one place. Bodies are sent pre-serialised by {@link DatabricksJson}.
 */
@Path("/api/2.0")
@Produces(MediaType.APPLICATION_JSON)
public interface DatabricksRestApi {

    // ---- Genie spaces

    @GET
    @Path("/genie/spaces/{space_id}")
    Response getSpace(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("space_id") String spaceId,
            @QueryParam("include_serialized_space") boolean includeSerializedSpace);

    @GET
    @Path("/genie/spaces")
    Response listSpaces(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @QueryParam("page_size") Integer pageSize, @QueryParam("page_token") String pageToken);

    @PATCH
    @Path("/genie/spaces/{space_id}")
    @Consumes(MediaType.APPLICATION_JSON)
    Response updateSpace(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("space_id") String spaceId,
            String body);

    // ---- Genie eval runs (benchmarks)

    @POST
    @Path("/genie/spaces/{space_id}/eval-runs")
    @Consumes(MediaType.APPLICATION_JSON)
    Response createEvalRun(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("space_id") String spaceId,
            String body);

    @GET
    @Path("/genie/spaces/{space_id}/eval-runs/{eval_run_id}")
    Response getEvalRun(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("space_id") String spaceId,
            @PathParam("eval_run_id") String evalRunId);

    @GET
    @Path("/genie/spaces/{space_id}/eval-runs")
    Response listEvalRuns(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("space_id") String spaceId,
            @QueryParam("page_size") Integer pageSize, @QueryParam("page_token") String pageToken);

    @GET
    @Path("/genie/spaces/{space_id}/eval-runs/{eval_run_id}/results")
    Response listEvalResults(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("space_id") String spaceId,
            @PathParam("eval_run_id") String evalRunId,
            @QueryParam("page_size") Integer pageSize, @QueryParam("page_token") String pageToken);

    @GET
    @Path("/genie/spaces/{space_id}/eval-runs/{eval_run_id}/results/{result_id}")
    Response getEvalResultDetails(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("space_id") String spaceId,
            @PathParam("eval_run_id") String evalRunId, @PathParam("result_id") String resultId);

    // ---- Genie conversations

    @POST
    @Path("/genie/spaces/{space_id}/start-conversation")
    @Consumes(MediaType.APPLICATION_JSON)
    Response startConversation(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("space_id") String spaceId,
            String body);

    @GET
    @Path("/genie/spaces/{space_id}/conversations/{conversation_id}/messages/{message_id}")
    Response getMessage(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("space_id") String spaceId,
            @PathParam("conversation_id") String conversationId, @PathParam("message_id") String messageId);

    @GET
    @Path("/genie/spaces/{space_id}/conversations/{conversation_id}/messages/{message_id}/attachments/{attachment_id}/query-result")
    Response getAttachmentQueryResult(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("space_id") String spaceId, @PathParam("conversation_id") String conversationId,
            @PathParam("message_id") String messageId, @PathParam("attachment_id") String attachmentId);

    @POST
    @Path("/genie/spaces/{space_id}/conversations/{conversation_id}/messages/{message_id}/attachments/{attachment_id}/execute-query")
    Response executeAttachmentQuery(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("space_id") String spaceId, @PathParam("conversation_id") String conversationId,
            @PathParam("message_id") String messageId, @PathParam("attachment_id") String attachmentId);

    // ---- SQL Statement Execution

    @POST
    @Path("/sql/statements")
    @Consumes(MediaType.APPLICATION_JSON)
    Response executeStatement(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body);

    @GET
    @Path("/sql/statements/{statement_id}")
    Response getStatement(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("statement_id") String statementId);

    @GET
    @Path("/sql/statements/{statement_id}/result/chunks/{chunk_index}")
    Response getStatementResultChunk(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @PathParam("statement_id") String statementId, @PathParam("chunk_index") int chunkIndex);

    @POST
    @Path("/sql/statements/{statement_id}/cancel")
    Response cancelStatement(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, @PathParam("statement_id") String statementId);
}
