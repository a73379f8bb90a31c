package dev.kon.aws.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/** The unit rules on hand-made requests and responses: no service involved. */
class BillingRulesTest {
    private static final int KIB = 1024;

    private static Charge charge(SdkRequest request, SdkResponse response) {
        return BillingRules.charge(request.getClass().getSimpleName().replace("Request", ""), request, response);
    }

    private static SendMessageBatchRequest batchOf(int count, int bodyBytes) {
        return SendMessageBatchRequest.builder().queueUrl("q").entries(IntStream.range(0, count)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("e" + i).messageBody("x".repeat(bodyBytes))
                        .build()).toList()).build();
    }

    @Test
    void sendMessageBatch_tenBodiesOf100KiB_isOneRequestPerStarted64KiBOfTheWholeBatch() {
        Charge c = charge(batchOf(10, 100 * KIB), null);

        // 1,000 KiB in one call: 15.6 chunks of 64 KiB, so 16 (not 10 x 2: the batch's payload is billed together)
        assertThat(c.kind()).isEqualTo(UsageKind.SQS_REQUEST);
        assertThat(c.units()).isEqualTo(16);
        assertThat(c.bytesSent()).isEqualTo(10L * 100 * KIB);
    }

    @Test
    void sendMessageBatch_tenSmallBodies_isOneRequest() {
        assertThat(charge(batchOf(10, 1000), null).units()).isEqualTo(1);
    }

    @Test
    void sendMessage_atAndPast64KiB_isOneThenTwoRequests() {
        SendMessageRequest at = SendMessageRequest.builder().queueUrl("q").messageBody("y".repeat(64 * KIB)).build();
        SendMessageRequest past = at.toBuilder().messageBody("y".repeat(64 * KIB + 1)).build();

        assertThat(charge(at, null).units()).isEqualTo(1);
        assertThat(charge(past, null).units()).isEqualTo(2);
    }

    @Test
    void sendMessage_nonAsciiBody_countsUtf8Bytes() {
        SendMessageRequest send = SendMessageRequest.builder().queueUrl("q").messageBody("é€😀").build();

        assertThat(charge(send, null).bytesSent()).isEqualTo(2 + 3 + 4);
    }

    @Test
    void receiveMessage_emptyThenWith130KB_isOneThenThreeRequests() {
        ReceiveMessageRequest receive = ReceiveMessageRequest.builder().queueUrl("q").build();
        ReceiveMessageResponse empty = ReceiveMessageResponse.builder().messages(List.of()).build();
        ReceiveMessageResponse full = ReceiveMessageResponse.builder().messages(IntStream.range(0, 3)
                .mapToObj(i -> Message.builder().body("z".repeat(45_000)).build()).toList()).build();

        assertThat(charge(receive, empty).units()).isEqualTo(1);
        Charge c = charge(receive, full);
        assertThat(c.units()).isEqualTo(3);
        assertThat(c.bytesReceived()).isEqualTo(135_000);
        assertThat(c.bytesSent()).isZero();
    }

    @Test
    void deleteMessageBatch_isOneRequest() {
        assertThat(charge(DeleteMessageBatchRequest.builder().queueUrl("q").build(), null).units()).isEqualTo(1);
    }

    @Test
    void putItem_of1500Bytes_isTwoWriteUnits() {
        PutItemRequest put = PutItemRequest.builder().tableName("t")
                .item(Map.of("k", AttributeValue.fromS("a".repeat(1499)))).build();

        Charge c = charge(put, null);
        assertThat(c.kind()).isEqualTo(UsageKind.DYNAMODB_WRITE);
        assertThat(c.units()).isEqualTo(2);
    }

    @Test
    void transactWriteItems_twoSmallPutsAndThreeUpdates_isTwiceFiveWriteUnits() {
        TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName("t")
                .item(Map.of("k", AttributeValue.fromS("a")))).build();
        TransactWriteItem update = TransactWriteItem.builder().update(u -> u.tableName("t")
                .key(Map.of("k", AttributeValue.fromS("a"))).updateExpression("SET x = :x")).build();
        var tx = TransactWriteItemsRequest.builder().transactItems(put, put, update, update, update).build();

        assertThat(charge(tx, null).units()).isEqualTo(10);
    }

    @Test
    void updateItem_isOneWriteUnit() {
        assertThat(charge(UpdateItemRequest.builder().tableName("t").build(), null).units()).isEqualTo(1);
    }

    @Test
    void getItem_consistentSmallLargeMissing_andEventual_countReadUnits() {
        GetItemRequest consistent = GetItemRequest.builder().tableName("t").consistentRead(true).build();
        GetItemResponse small = GetItemResponse.builder().item(Map.of("k", AttributeValue.fromS("v"))).build();
        GetItemResponse large = GetItemResponse.builder()
                .item(Map.of("k", AttributeValue.fromS("v".repeat(5000)))).build();
        GetItemResponse missing = GetItemResponse.builder().build();

        assertThat(charge(consistent, small).units()).isEqualTo(1);
        assertThat(charge(consistent, large).units()).isEqualTo(2);
        assertThat(charge(consistent, missing).units()).isEqualTo(1);
        assertThat(charge(consistent.toBuilder().consistentRead(false).build(), small).units()).isEqualTo(0.5);
        assertThat(charge(consistent, small).kind()).isEqualTo(UsageKind.DYNAMODB_READ);
    }

    @Test
    void query_threeItemsOf2KB_countsTheirSizeTogether() {
        Map<String, AttributeValue> item = Map.of("k", AttributeValue.fromS("q".repeat(1999)));
        QueryResponse three = QueryResponse.builder().items(item, item, item).build();
        QueryRequest consistent = QueryRequest.builder().tableName("t").consistentRead(true).build();

        assertThat(charge(consistent, three).units()).isEqualTo(2);
        assertThat(charge(consistent.toBuilder().consistentRead(null).build(), three).units()).isEqualTo(1);
    }

    @Test
    void createTable_isNotBilledPerRequest() {
        Charge c = charge(CreateTableRequest.builder().tableName("t").build(), null);

        assertThat(c.kind()).isEqualTo(UsageKind.FREE);
        assertThat(c.units()).isZero();
    }

    @Test
    void s3Operations_fallIntoTheirRequestClass() {
        assertThat(S3Rules.kind("PutObject")).isEqualTo(UsageKind.S3_PUT_CLASS);
        assertThat(S3Rules.kind("ListObjectsV2")).isEqualTo(UsageKind.S3_PUT_CLASS);
        assertThat(S3Rules.kind("CreateMultipartUpload")).isEqualTo(UsageKind.S3_PUT_CLASS);
        assertThat(S3Rules.kind("UploadPart")).isEqualTo(UsageKind.S3_PUT_CLASS);
        assertThat(S3Rules.kind("DeleteObjects")).isEqualTo(UsageKind.S3_PUT_CLASS);
        assertThat(S3Rules.kind("GetObject")).isEqualTo(UsageKind.S3_GET_CLASS);
        assertThat(S3Rules.kind("HeadObject")).isEqualTo(UsageKind.S3_GET_CLASS);
        assertThat(S3Rules.kind("HeadBucket")).isEqualTo(UsageKind.S3_GET_CLASS);
        assertThat(S3Rules.kind("DeleteObject")).isEqualTo(UsageKind.FREE);
        assertThat(S3Rules.kind("DeleteBucket")).isEqualTo(UsageKind.FREE);
        assertThat(S3Rules.kind("AbortMultipartUpload")).isEqualTo(UsageKind.FREE);
    }

    @Test
    void itemSize_countsNamesAndValuesAsDynamoDbDoes() {
        Map<String, AttributeValue> item = Map.of(
                "id", AttributeValue.fromS("abc"),           // 2 + 3
                "n", AttributeValue.fromN("12345"),          // 1 + (5 digits: 3 bytes) + 1
                "ok", AttributeValue.fromBool(true),         // 2 + 1
                "l", AttributeValue.fromL(List.of(AttributeValue.fromS("xy"), AttributeValue.fromNul(true))));
        // "l": 1 + 3 + 2 elements + 2 + 1

        assertThat(ItemSize.of(item)).isEqualTo(5 + 5 + 3 + 9);
        assertThat(ItemSize.number("100.000")).isEqualTo(2);
        assertThat(ItemSize.number("0")).isEqualTo(2);
    }
}
