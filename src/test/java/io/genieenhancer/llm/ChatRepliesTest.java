package io.genieenhancer.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

class ChatRepliesTest {

    private static HttpReply ok(String body) {
        return new HttpReply(200, body.getBytes(StandardCharsets.UTF_8), false, Optional.empty());
    }

    @Test
    void aCompletionGivesItsContentFinishReasonAndTokenCounts() {
        ChatResult result = ChatReplies.read(ok("""
                {"id":"x","object":"chat.completion","model":"m",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"{\\"items\\":[]}"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1200,"completion_tokens":34,"total_tokens":1234}}"""));

        ChatResult.Answer answer = assertInstanceOf(ChatResult.Answer.class, result);
        assertEquals("{\"items\":[]}", answer.content());
        assertEquals(Optional.of("stop"), answer.finishReason());
        assertFalse(answer.truncated());
        assertEquals(new LlmUsage(1, 1200, 34), answer.usage());
    }

    @Test
    void contentGivenAsPartsKeepsOnlyTheTextParts() {
        ChatResult result = ChatReplies.read(ok("""
                {"choices":[{"message":{"content":[{"type":"reasoning","summary":[{"text":"thinking"}]},
                  {"type":"text","text":"{\\"items\\":"},{"type":"text","text":"[]}"}]},"finish_reason":"stop"}]}"""));

        assertEquals("{\"items\":[]}", assertInstanceOf(ChatResult.Answer.class, result).content());
    }

    @Test
    void aReplyCutAtMaxTokensIsMarkedTruncated() {
        ChatResult result = ChatReplies.read(ok("""
                {"choices":[{"message":{"content":"{\\"items\\":[{\\"question_id\\""},"finish_reason":"length"}],
                 "usage":{"prompt_tokens":10,"completion_tokens":4096}}"""));

        assertTrue(assertInstanceOf(ChatResult.Answer.class, result).truncated());
    }

    @Test
    void aBodyThatIsNotJsonIsUnusableAndQuotedShortly() {
        ChatResult result = ChatReplies.read(ok("<html>" + "gateway ".repeat(500) + "</html>"));

        ChatResult.Unusable unusable = assertInstanceOf(ChatResult.Unusable.class, result);
        assertTrue(unusable.reason().startsWith("reply is not JSON: <html>gateway"), unusable.reason());
        assertTrue(unusable.reason().length() < 260, "reason must quote the body shortly");
        assertEquals(new LlmUsage(1, 0, 0), unusable.usage());
    }

    @Test
    void aTruncatedEnvelopeIsUnusable() {
        ChatResult result = ChatReplies.read(ok("{\"choices\":[{\"message\":{\"content\":\"{\\\"ite"));

        assertTrue(assertInstanceOf(ChatResult.Unusable.class, result).reason().startsWith("reply is not JSON"));
    }

    @Test
    void aJsonBodyWithoutChoicesIsUnusableButItsTokensCount() {
        ChatResult result = ChatReplies.read(ok("{\"usage\":{\"prompt_tokens\":50,\"completion_tokens\":0},\"foo\":1}"));

        ChatResult.Unusable unusable = assertInstanceOf(ChatResult.Unusable.class, result);
        assertEquals("reply has no choices", unusable.reason());
        assertEquals(50, unusable.usage().promptTokens());
    }

    @Test
    void anEmptyMessageOrARefusalIsUnusable() {
        assertEquals("reply has no message content (finish_reason content_filter)",
                assertInstanceOf(ChatResult.Unusable.class, ChatReplies.read(ok(
                        "{\"choices\":[{\"message\":{\"content\":null},\"finish_reason\":\"content_filter\"}]}"))).reason());
        assertEquals("model refused: I cannot help with that",
                assertInstanceOf(ChatResult.Unusable.class, ChatReplies.read(ok(
                        "{\"choices\":[{\"message\":{\"content\":\"\",\"refusal\":\"I cannot help with that\"}}]}"))).reason());
    }

    @Test
    void anOversizedReplyIsUnusableWithoutParsing() {
        HttpReply reply = new HttpReply(200, new byte[1024], true, Optional.empty());

        assertEquals("reply larger than 1024 bytes, not read",
                assertInstanceOf(ChatResult.Unusable.class, ChatReplies.read(reply)).reason());
    }

    @Test
    void aRefusedRequestQuotesTheServersMessage() {
        HttpReply reply = new HttpReply(400, """
                {"error_code":"BAD_REQUEST","message":"Input is too long for requested model."}"""
                .getBytes(StandardCharsets.UTF_8), false, Optional.empty());

        assertEquals("endpoint refused the request: HTTP 400 Input is too long for requested model.",
                assertInstanceOf(ChatResult.Unusable.class, ChatReplies.read(reply)).reason());
    }

    @Test
    void statusesAreSortedIntoRetryUnavailableAndRefused() {
        assertEquals(ChatReplies.Disposition.ANSWERED, ChatReplies.disposition(200));
        assertEquals(ChatReplies.Disposition.RETRY, ChatReplies.disposition(429));
        assertEquals(ChatReplies.Disposition.RETRY, ChatReplies.disposition(503));
        assertEquals(ChatReplies.Disposition.RETRY, ChatReplies.disposition(408));
        assertEquals(ChatReplies.Disposition.UNAVAILABLE, ChatReplies.disposition(401));
        assertEquals(ChatReplies.Disposition.UNAVAILABLE, ChatReplies.disposition(404));
        assertEquals(ChatReplies.Disposition.REFUSED, ChatReplies.disposition(400));
        assertEquals(ChatReplies.Disposition.REFUSED, ChatReplies.disposition(413));
    }

    @Test
    void aBoundedReadKeepsAtMostTheLimitAndSaysTheBodyWasLonger() throws IOException {
        int[] served = {0};
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                served[0]++;
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                java.util.Arrays.fill(b, off, off + len, (byte) 'x');
                served[0] += len;
                return len;
            }
        };

        HttpReply reply = HttpReply.read(200, endless, 100_000, Optional.empty());

        assertTrue(reply.overLimit());
        assertEquals(100_000, reply.body().length);
        assertTrue(served[0] <= 100_001 + 64 * 1024, "must stop reading soon after the limit, read " + served[0]);
    }

    @Test
    void aBoundedReadOfAShortBodyKeepsItWhole() throws IOException {
        HttpReply reply = HttpReply.read(200, new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), 3,
                Optional.empty());

        assertFalse(reply.overLimit());
        assertEquals("abc", new String(reply.body(), StandardCharsets.UTF_8));
    }
}
