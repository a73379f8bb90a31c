package dev.kon.fleet.ec2;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FleetIamTest {
    private static final FleetIam.Scope SCOPE = new FleetIam.Scope("aws", "eu-west-1", "123456789012", "jobs",
            "jobs-dead", "jobs-ledger", "jobs-bucket");

    private static List<String> resources(JsonNode statement) {
        List<String> all = new ArrayList<>();
        JsonNode r = statement.get("Resource");
        if (r.isArray()) {
            r.forEach(n -> all.add(n.asText()));
        } else {
            all.add(r.asText());
        }
        return all;
    }

    @Test
    void policy_grantsTheWorkersCallsOnThisQueueTableAndBucketOnly() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(FleetIam.policy(SCOPE));

        List<String> resources = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        for (JsonNode st : doc.get("Statement")) {
            assertThat(st.get("Effect").asText()).isEqualTo("Allow");
            resources.addAll(resources(st));
            st.get("Action").forEach(a -> actions.add(a.asText()));
        }
        assertThat(resources).containsExactlyInAnyOrder(
                "arn:aws:sqs:eu-west-1:123456789012:jobs",
                "arn:aws:sqs:eu-west-1:123456789012:jobs-dead",
                "arn:aws:sqs:eu-west-1:123456789012:kon-resp-*",
                "arn:aws:dynamodb:eu-west-1:123456789012:table/jobs-ledger",
                "arn:aws:dynamodb:eu-west-1:123456789012:table/jobs-ledger-*",
                "arn:aws:s3:::jobs-bucket/*");
        assertThat(actions).noneMatch(a -> a.endsWith("*") || a.startsWith("ec2:") || a.startsWith("iam:"))
                .contains("sqs:ReceiveMessage", "dynamodb:TransactWriteItems", "s3:GetObject")
                .doesNotContain("sqs:DeleteQueue", "dynamodb:DeleteTable", "s3:DeleteBucket");
        // only the task queue may be received from; replies and dead letters are sent to
        assertThat(doc.get("Statement").get(0).get("Resource").asText()).endsWith(":jobs");
    }

    @Test
    void trust_letsEc2AssumeTheRole() throws Exception {
        JsonNode trust = new ObjectMapper().readTree(FleetIam.TRUST);

        assertThat(trust.at("/Statement/0/Principal/Service").asText()).isEqualTo("ec2.amazonaws.com");
        assertThat(trust.at("/Statement/0/Action").asText()).isEqualTo("sts:AssumeRole");
    }

    @Test
    void profileName_longQueue_isCutToIamsLimit() {
        assertThat(FleetIam.profileName("q".repeat(80))).hasSize(64).startsWith("kon-worker-");
    }
}
