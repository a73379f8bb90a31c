package dev.kon.aws.usage;

/**
 * What a call is billed as on AWS, one kind per operation. Every kind but {@link #FREE} has a list price per unit in
 * {@link ListPrices}.
 */
public enum UsageKind {
    /** An SQS standard-queue request; each 64 KiB of a request's payload counts as one. */
    SQS_REQUEST("sqs", "SQS requests"),
    /** A DynamoDB on-demand write request unit: a write of up to 1 KB, counted twice in a transaction. */
    DYNAMODB_WRITE("ddb-write", "DynamoDB write units"),
    /** A DynamoDB on-demand read request unit: a strongly consistent read of up to 4 KB. */
    DYNAMODB_READ("ddb-read", "DynamoDB read units"),
    /** An S3 Standard PUT, COPY, POST or LIST request. */
    S3_PUT_CLASS("s3-put", "S3 PUT/COPY/POST/LIST requests"),
    /** An S3 Standard GET request, or any other request S3 bills at the GET rate (HEAD). */
    S3_GET_CLASS("s3-get", "S3 GET and other requests"),
    /** Not billed per request: DynamoDB's table management, S3's DELETE and cancel. */
    FREE("free", "not billed per request");

    private final String code;
    private final String label;

    UsageKind(String code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The short name used in usage files. */
    public String code() {
        return code;
    }

    /** What the unit is, for people. */
    public String label() {
        return label;
    }

    /** The kind whose {@link #code()} this is. */
    public static UsageKind ofCode(String code) {
        for (UsageKind k : values()) {
            if (k.code.equals(code)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown usage kind '" + shorten(code) + "'");
    }

    static String shorten(String s) {
        return s == null || s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
