package io.genieenhancer.space;

import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Ids of the serialized space: 32 lowercase hex characters. New ids are allocated after the largest
 * id already in the space, so appended items sort after existing ones (the server wants arrays sorted
 * by id) and allocation is deterministic: the same config and the same fixes give the same ids.
 */
public final class SpaceIds {

    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);

    private BigInteger last;

    private SpaceIds(BigInteger last) {
        this.last = last;
    }

    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** A generator whose ids sort after every valid id of {@code space}. */
    public static SpaceIds after(SpaceConfig space) {
        BigInteger max = space.allIds().filter(SpaceIds::isValid).map(id -> new BigInteger(id, 16))
                .max(BigInteger::compareTo).orElse(BigInteger.ZERO);
        return new SpaceIds(max);
    }

    public String next() {
        if (last.equals(MAX)) {
            throw new IllegalStateException("id space exhausted after " + format(last));
        }
        last = last.add(BigInteger.ONE);
        return format(last);
    }

    private static String format(BigInteger v) {
        String hex = v.toString(16);
        return "0".repeat(32 - hex.length()) + hex;
    }
}
