package dev.kon.examples.primes;

import dev.kon.json.JsonTaskType;

/** The example's task type, {@code primes}: how many primes lie in a range. Its argument and output are records. */
public final class PrimeCount {
    /** Count the primes p with {@code from <= p < to}. */
    public record Range(long from, long to) {
        public Range {
            if (from < 0 || to < from || to - from > 10_000_000) {
                throw new IllegalArgumentException("range must be 0 <= from <= to, at most 10,000,000 wide; was "
                        + from + ".." + to);
            }
        }
    }

    /** The answer. */
    public record Count(long primes) {
    }

    /** How client and handler agree on the name and the JSON of both records. */
    public static final JsonTaskType<Range, Count> TYPE = JsonTaskType.of("primes", Range.class, Count.class);

    private PrimeCount() {
    }

    static long count(Range r) {
        long n = 0;
        for (long x = Math.max(2, r.from()); x < r.to(); x++) {
            if (isPrime(x)) {
                n++;
            }
        }
        return n;
    }

    private static boolean isPrime(long x) {
        if (x % 2 == 0) {
            return x == 2;
        }
        for (long d = 3; d * d <= x; d += 2) {
            if (x % d == 0) {
                return false;
            }
        }
        return true;
    }
}
