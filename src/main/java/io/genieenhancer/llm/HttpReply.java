package io.genieenhancer.llm;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;

/**
 * An HTTP reply read with a size bound: at most {@code limit} bytes are kept, and {@code overLimit} says the body
 * was longer (the rest is never read into memory).
 */
public record HttpReply(int status, byte[] body, boolean overLimit, Optional<String> retryAfter) {

    public HttpReply {
        retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    public static HttpReply read(int status, InputStream in, int limit, Optional<String> retryAfter) throws IOException {
        if (in == null) {
            return new HttpReply(status, new byte[0], false, retryAfter);
        }
        byte[] buffer = new byte[Math.min(limit + 1, 64 * 1024)];
        int size = 0;
        while (size <= limit) {
            if (size == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(limit + 1, buffer.length * 2));
            }
            int n = in.read(buffer, size, buffer.length - size);
            if (n < 0) {
                return new HttpReply(status, Arrays.copyOf(buffer, size), false, retryAfter);
            }
            size += n;
        }
        return new HttpReply(status, Arrays.copyOf(buffer, limit), true, retryAfter);
    }
}
