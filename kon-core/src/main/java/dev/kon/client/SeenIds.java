package dev.kon.client;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/** Task ids seen so far: a bit per id for the usual small ids, a set for the rare id beyond int range. */
final class SeenIds {
    private final BitSet small = new BitSet();
    private final Set<Long> large = new HashSet<>();

    /** Answers true the first time an id is added. */
    boolean add(long id) {
        if (id <= Integer.MAX_VALUE - 1) {
            int i = (int) id;
            if (small.get(i)) {
                return false;
            }
            small.set(i);
            return true;
        }
        return large.add(id);
    }
}
