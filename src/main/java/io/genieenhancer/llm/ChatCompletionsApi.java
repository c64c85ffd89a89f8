package io.genieenhancer.llm;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The OpenAI-compatible chat-completions operation. Built at run time against the resolved base URL (see
 * {@link ChatTransport}). It returns the raw {@link Response} so the reply body is read as a stream with a size
 * bound: a typed entity would be buffered whole before we could refuse a 5 MB "completion".
 */
@Path("/chat/completions")
public interface ChatCompletionsApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response create(@HeaderParam("Authorization") String authorization, ChatCompletionRequest request);
}
