package dev.kon.client;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * Task ids seen so far: a bit per id for the usual ids (line numbers, up to {@value #BITS}), a set for the rare
 * larger one, so a single odd id cannot make the bit set allocate hundreds of megabytes.
 */
final class SeenIds {
    private final BitSet small = new BitSet();
    private final Set<Long> large = new HashSet<>();

    /** Answers true the first time an id is added. */
    static final int BITS = 1 << 27;

    boolean add(long id) {
        if (id >= 0 && id < BITS) {
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
