package dev.kon.aws.usage;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The size of a DynamoDB item as DynamoDB counts it for capacity: per attribute, its name's UTF-8 bytes plus its
 * value's size. Strings: UTF-8 bytes; binaries: bytes; numbers: one byte per two significant digits plus one;
 * booleans and nulls: one byte; sets: their elements; lists and maps: 3 bytes plus one per element plus the
 * elements (a map's keys counted like attribute names). Stateless.
 */
final class ItemSize {
    private ItemSize() {
    }

    static long of(Map<String, AttributeValue> item) {
        if (item == null) {
            return 0;
        }
        long bytes = 0;
        for (Map.Entry<String, AttributeValue> a : item.entrySet()) {
            bytes += Utf8.length(a.getKey()) + value(a.getValue());
        }
        return bytes;
    }

    static long value(AttributeValue v) {
        if (v == null) {
            return 0;
        }
        return switch (v.type()) {
            case S -> Utf8.length(v.s());
            case N -> number(v.n());
            case B -> bytes(v.b());
            case BOOL, NUL -> 1;
            case SS -> v.ss().stream().mapToLong(Utf8::length).sum();
            case NS -> v.ns().stream().mapToLong(ItemSize::number).sum();
            case BS -> v.bs().stream().mapToLong(ItemSize::bytes).sum();
            case L -> list(v.l());
            case M -> 3 + v.m().size() + of(v.m());
            default -> 0;
        };
    }

    private static long list(List<AttributeValue> values) {
        long bytes = 3 + values.size();
        for (AttributeValue e : values) {
            bytes += value(e);
        }
        return bytes;
    }

    /** One byte per two significant digits, plus one. */
    static long number(String n) {
        if (n == null) {
            return 0;
        }
        int digits;
        try {
            BigDecimal d = new BigDecimal(n.trim()).stripTrailingZeros();
            digits = d.signum() == 0 ? 1 : d.precision();
        } catch (NumberFormatException e) {
            digits = n.length();
        }
        return (digits + 1) / 2 + 1;
    }

    private static long bytes(SdkBytes b) {
        return b == null ? 0 : b.asByteBuffer().remaining();
    }
}
