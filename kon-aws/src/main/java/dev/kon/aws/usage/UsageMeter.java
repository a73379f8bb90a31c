package dev.kon.aws.usage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts what the AWS calls of the clients it is registered with would be billed on AWS: per service and
 * operation, the calls, their billable units ({@link BillingRules}) and the message payload they carried.
 * Register its {@link #interceptor()} on SDK clients ({@code AwsClients} does when given a meter); read it with
 * {@link #snapshot()}.
 *
 * <p>Counted: every call the service answered, with a result or a refusal (a failed condition, a missing queue),
 * once per call however many times the SDK retried it. Not counted: calls that never got an answer (a connection
 * refused, an interrupted long poll), and throttled calls.
 *
 * <p>Thread-safe and cheap: a map lookup and four adders per call, plus sizing SQS bodies and DynamoDB items.
 */
public final class UsageMeter {
    private final ConcurrentHashMap<Key, Counters> counters = new ConcurrentHashMap<>();
    private final MeteringInterceptor interceptor = new MeteringInterceptor(this);

    private record Key(String service, String operation) { }

    private static final class Counters {
        final UsageKind kind;
        final LongAdder requests = new LongAdder();
        final DoubleAdder units = new DoubleAdder();
        final LongAdder bytesSent = new LongAdder();
        final LongAdder bytesReceived = new LongAdder();

        Counters(UsageKind kind) {
            this.kind = kind;
        }
    }

    /** The interceptor that feeds this meter; one instance, to add to every client's override configuration. */
    public ExecutionInterceptor interceptor() {
        return interceptor;
    }

    /** Counts one answered call of {@code service}'s {@code operation}; {@code response} is null for a refusal. */
    public void record(String service, String operation, SdkRequest request, SdkResponse response) {
        record(service, operation, BillingRules.charge(operation, request, response));
    }

    /** Counts one call that cost {@code charge}. */
    public void record(String service, String operation, Charge charge) {
        Objects.requireNonNull(charge, "charge");
        Counters c = counters.computeIfAbsent(new Key(service, operation), k -> new Counters(charge.kind()));
        c.requests.increment();
        c.units.add(charge.units());
        if (charge.bytesSent() != 0) {
            c.bytesSent.add(charge.bytesSent());
        }
        if (charge.bytesReceived() != 0) {
            c.bytesReceived.add(charge.bytesReceived());
        }
    }

    /**
     * The counts so far. Calls finishing while it is taken may be in it in part (their request but not yet their
     * units); take snapshots when the clients are quiet, or accept an error of a call or two.
     */
    public UsageSnapshot snapshot() {
        List<OperationUsage> rows = new ArrayList<>();
        counters.forEach((k, c) -> rows.add(new OperationUsage(k.service(), k.operation(), c.kind,
                c.requests.sum(), c.units.sum(), c.bytesSent.sum(), c.bytesReceived.sum())));
        return new UsageSnapshot(rows);
    }
}
