package dev.kon.apps.enhance;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The expected result of {@code ImageEnhance.Contrast(im).enhance(factor)}, written straight from its definition
 * with exact decimals, for comparing with {@link Contrast}'s float arithmetic: for the factors tested (1.8, 0.5,
 * 1, 0) an exact product is either an integer, which 1.8f reproduces exactly, or at least 0.1 away from one, so the
 * two agree on every sample.
 */
final class PillowReference {
    private PillowReference() {
    }

    /**
     * @param samples interleaved samples, {@code bands} per pixel, colour first, alpha (if any) last
     * @param colours 1 (grey) or 3 (RGB)
     */
    static int[] enhance(int[] samples, int bands, int colours, String factor) {
        int pixels = samples.length / bands;
        long sum = 0;
        for (int i = 0; i < samples.length; i += bands) {
            sum += colours == 3
                    ? Math.floorDiv(samples[i] * 19595L + samples[i + 1] * 38470L + samples[i + 2] * 7471L + 32768, 65536)
                    : samples[i];
        }
        int grey = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(pixels), 0, RoundingMode.HALF_UP).intValueExact();
        BigDecimal f = new BigDecimal(factor);
        int[] out = samples.clone();
        for (int i = 0; i < samples.length; i += bands) {
            for (int b = 0; b < colours; b++) {
                BigDecimal x = BigDecimal.valueOf(grey).add(f.multiply(BigDecimal.valueOf(samples[i + b] - grey)));
                out[i + b] = Math.max(0, Math.min(255, x.setScale(0, RoundingMode.FLOOR).intValueExact()));
            }
        }
        return out;
    }
}
