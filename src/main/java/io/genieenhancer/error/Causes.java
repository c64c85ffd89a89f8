package io.genieenhancer.error;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reading exceptions for messages people see: the chain of causes, its root, and the first line of a message
 * (Jackson and SQL parser messages go on with source excerpts and stack-like detail nobody asked for).
 */
public final class Causes {

    private Causes() {
    }

    /** The exception and its causes, outermost first; a cause met twice (a cycle) ends the chain. */
    public static List<Throwable> chain(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
            chain.add(c);
        }
        return chain;
    }

    /** The innermost cause; the exception itself when it has none. */
    public static Throwable root(Throwable t) {
        List<Throwable> chain = chain(t);
        return chain.get(chain.size() - 1);
    }

    /** The first line of a message, {@code ""} for none. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
