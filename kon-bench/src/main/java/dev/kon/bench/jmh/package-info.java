/**
 * JMH micro-benchmarks of Kon's hot paths: the wire codec, the in-memory queue and the collector. Run them with
 * {@code kon bench jmh [JMH options]} (or {@code java -cp "kon-cli/target/lib/*" org.openjdk.jmh.Main}); each
 * class defaults to one fork, five 1 s warm-up and five 1 s measurement iterations, which JMH options override.
 */
package dev.kon.bench.jmh;
