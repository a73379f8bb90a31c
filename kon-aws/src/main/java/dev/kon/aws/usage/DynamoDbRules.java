package dev.kon.aws.usage;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * DynamoDB on-demand request units, computed from the call, not asked of the service:
 * <ul>
 *   <li>PutItem: one write unit per started KB of the item put ({@link ItemSize}).</li>
 *   <li>UpdateItem, DeleteItem: one write unit. DynamoDB bills the larger of the item before and after, which the
 *       request does not show; Kon's ledger items are well under 1 KB.</li>
 *   <li>BatchWriteItem: the sum of its puts and deletes, each as above.</li>
 *   <li>TransactWriteItems: twice the sum over its items (a put as PutItem; an update, delete or condition check
 *       one unit).</li>
 *   <li>GetItem: one read unit per started 4 KB of the item returned, at least one (a missing item too); half
 *       that when not strongly consistent.</li>
 *   <li>BatchGetItem: per table, the read units of the items returned, at least one per key asked; halved when
 *       not strongly consistent. TransactGetItems: twice the read units of each item, at least one each.</li>
 *   <li>Query, Scan: one read unit per started 4 KB of all the items returned together (items a filter dropped are
 *       not seen, so not counted), at least one; halved when not strongly consistent.</li>
 *   <li>Everything else (creating, describing, deleting tables, time to live) is not billed per request.</li>
 * </ul>
 * Calls the service refused (a failed condition, a cancelled transaction) are billed as if they had written: AWS
 * charges for the capacity a failed conditional write consumed. Stateless.
 */
final class DynamoDbRules {
    static final long WRITE_UNIT_BYTES = 1024;
    static final long READ_UNIT_BYTES = 4096;

    private DynamoDbRules() {
    }

    static Charge charge(SdkRequest request, SdkResponse response) {
        if (request instanceof PutItemRequest put) {
            return write(writeUnits(ItemSize.of(put.item())));
        }
        if (request instanceof UpdateItemRequest || request instanceof DeleteItemRequest) {
            return write(1);
        }
        if (request instanceof BatchWriteItemRequest batch) {
            long units = 0;
            for (List<WriteRequest> writes : batch.requestItems().values()) {
                for (WriteRequest w : writes) {
                    units += w.putRequest() != null ? writeUnits(ItemSize.of(w.putRequest().item())) : 1;
                }
            }
            return write(units);
        }
        if (request instanceof TransactWriteItemsRequest transaction) {
            long units = 0;
            for (TransactWriteItem item : transaction.transactItems()) {
                units += item.put() != null ? writeUnits(ItemSize.of(item.put().item())) : 1;
            }
            return write(2 * units);
        }
        if (request instanceof GetItemRequest get) {
            long size = response instanceof GetItemResponse r && r.hasItem() ? ItemSize.of(r.item()) : 0;
            return read(readUnits(size), get.consistentRead());
        }
        if (request instanceof BatchGetItemRequest batch) {
            return batchGet(batch, response instanceof BatchGetItemResponse r ? r : null);
        }
        if (request instanceof TransactGetItemsRequest transaction) {
            long units = 0;
            if (response instanceof TransactGetItemsResponse r && r.hasResponses()) {
                for (ItemResponse item : r.responses()) {
                    units += readUnits(item == null ? 0 : ItemSize.of(item.item()));
                }
            } else {
                units = transaction.transactItems().size();
            }
            return Charge.of(UsageKind.DYNAMODB_READ, 2 * units);
        }
        if (request instanceof QueryRequest query) {
            List<Map<String, AttributeValue>> items = response instanceof QueryResponse r ? r.items() : List.of();
            return read(readUnits(total(items)), query.consistentRead());
        }
        if (request instanceof ScanRequest scan) {
            List<Map<String, AttributeValue>> items = response instanceof ScanResponse r ? r.items() : List.of();
            return read(readUnits(total(items)), scan.consistentRead());
        }
        return Charge.of(UsageKind.FREE, 0);
    }

    /** Write units of an item of {@code bytes}: one per started KB, at least one. */
    static long writeUnits(long bytes) {
        return Math.max(1, (bytes + WRITE_UNIT_BYTES - 1) / WRITE_UNIT_BYTES);
    }

    /** Strongly consistent read units of {@code bytes}: one per started 4 KB, at least one. */
    static long readUnits(long bytes) {
        return Math.max(1, (bytes + READ_UNIT_BYTES - 1) / READ_UNIT_BYTES);
    }

    private static Charge batchGet(BatchGetItemRequest batch, BatchGetItemResponse response) {
        double units = 0;
        for (Map.Entry<String, KeysAndAttributes> table : batch.requestItems().entrySet()) {
            long tableUnits = 0;
            List<Map<String, AttributeValue>> items = response == null ? List.of()
                    : response.responses().getOrDefault(table.getKey(), List.of());
            for (Map<String, AttributeValue> item : items) {
                tableUnits += readUnits(ItemSize.of(item));
            }
            tableUnits = Math.max(tableUnits, table.getValue().keys().size());
            units += Boolean.TRUE.equals(table.getValue().consistentRead()) ? tableUnits : tableUnits / 2.0;
        }
        return Charge.of(UsageKind.DYNAMODB_READ, units);
    }

    private static long total(List<Map<String, AttributeValue>> items) {
        long bytes = 0;
        for (Map<String, AttributeValue> item : items) {
            bytes += ItemSize.of(item);
        }
        return bytes;
    }

    private static Charge write(long units) {
        return Charge.of(UsageKind.DYNAMODB_WRITE, units);
    }

    private static Charge read(long units, Boolean consistent) {
        return Charge.of(UsageKind.DYNAMODB_READ, Boolean.TRUE.equals(consistent) ? units : units / 2.0);
    }
}
