package dev.kon.aws.usage;

/**
 * AWS list prices in us-east-1, in US dollars per billable unit, written down rather than looked up: the cost a
 * benchmark prints is only as current as these. Free tiers and volume discounts are left out (they depend on the
 * account's whole month, not on one run).
 */
public final class ListPrices {
    /**
     * SQS standard queue: $0.40 per million requests (the first 100 billion a month). Source: "Amazon SQS Pricing:
     * Complete Guide + Calculator (2026)", https://cloudburn.io/blog/amazon-sqs-pricing, published 2026-03-14, prices
     * "for US East (N. Virginia) as of March 2026"; the same rate and the 64 KB chunk rule in
     * https://www.factualminds.com/blog/amazon-sqs-pricing-64kb-rule-fifo-vs-standard/ (2026-06-13).
     */
    public static final double SQS_STANDARD_PER_REQUEST = 0.40 / 1_000_000;
    /**
     * DynamoDB on-demand, Standard table class: $0.625 per million write request units, in effect since the price cut
     * of 2024-11-01. Source: "Amazon DynamoDB Pricing: On-Demand & Provisioned Plans",
     * https://airbyte.com/data-engineering-resources/dynamodb-pricing, dated 2025-07-21, "Pricing Structure (US
     * East)". Unit rules: AWS whitepaper "How AWS Pricing Works", DynamoDB section
     * (https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/dynamodb.html).
     */
    public static final double DYNAMODB_PER_WRITE_UNIT = 0.625 / 1_000_000;
    /** DynamoDB on-demand: $0.125 per million read request units; same source and date as the write price. */
    public static final double DYNAMODB_PER_READ_UNIT = 0.125 / 1_000_000;
    /**
     * S3 Standard: $0.005 per 1,000 PUT, COPY, POST or LIST requests. Source: "S3 request fees explained: when they
     * matter more than storage", https://c3x.dev/blog/s3-request-fees-explained (read 2026-12-01; the page carries
     * no date), which agrees with "S3 Cost Calculator Guide", https://www.usage.ai/blogs/aws/storage-cost/s3/cost-calculator/
     * (rates for US East (N. Virginia), June 2026, taken from aws.amazon.com/s3/pricing).
     */
    public static final double S3_PER_PUT_CLASS_REQUEST = 0.005 / 1_000;
    /** S3 Standard: $0.0004 per 1,000 GET, SELECT and other requests; same source as the PUT price. */
    public static final double S3_PER_GET_CLASS_REQUEST = 0.0004 / 1_000;
    /** Where and when: printed under every cost figure. */
    public static final String SOURCE = "AWS list prices, us-east-1, as published 2025-07 to 2026-06: SQS $0.40/M "
            + "requests, DynamoDB on-demand $0.625/M write and $0.125/M read units, S3 Standard $0.005/1k PUT-class "
            + "and $0.0004/1k GET-class requests; no free tier";

    private ListPrices() {
    }

    /** Dollars per unit of {@code kind}; 0 for {@link UsageKind#FREE}. */
    public static double perUnit(UsageKind kind) {
        return switch (kind) {
            case SQS_REQUEST -> SQS_STANDARD_PER_REQUEST;
            case DYNAMODB_WRITE -> DYNAMODB_PER_WRITE_UNIT;
            case DYNAMODB_READ -> DYNAMODB_PER_READ_UNIT;
            case S3_PUT_CLASS -> S3_PER_PUT_CLASS_REQUEST;
            case S3_GET_CLASS -> S3_PER_GET_CLASS_REQUEST;
            case FREE -> 0;
        };
    }
}
