package dev.kon.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsSettingsTest {

    @Test
    void fromEnvironment_prefersServiceEndpointsOverTheGlobalOne() {
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9000"));

        assertThat(settings.region()).isEqualTo("eu-west-1");
        assertThat(settings.sqsEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.dynamoDbEndpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.s3Endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(settings.hasStaticCredentials()).isFalse();
    }

    @Test
    void fromEnvironment_withoutEndpoints_meansRealAws() {
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of("AWS_REGION", "us-west-2"));

        assertThat(settings.sqsEndpoint()).isNull();
        assertThat(settings.dynamoDbEndpoint()).isNull();
        assertThat(settings.s3Endpoint()).isNull();
    }

    @Test
    void fromEnvironment_withAGivenRegion_takesItOverTheVariables() {
        AwsSettings settings = AwsSettings.fromEnvironment(Map.of("AWS_REGION", "us-west-2"), "eu-central-1");

        assertThat(settings.region()).isEqualTo("eu-central-1");
    }

    @Test
    void where_saysForPeopleWhereTheClientsGo_withoutTheRecordsFieldNames() {
        URI local = URI.create("http://127.0.0.1:4566");

        assertThat(AwsSettings.of("us-west-2").where()).isEqualTo("AWS us-west-2");
        assertThat(AwsSettings.of("us-east-1").withEndpoints(local, local, local).withStaticCredentials("kon", "hush")
                .where()).isEqualTo("http://127.0.0.1:4566 (us-east-1)");
        assertThat(AwsSettings.of("us-east-1").withEndpoints(local, null, URI.create("http://127.0.0.1:9000")).where())
                .isEqualTo("SQS http://127.0.0.1:4566, DynamoDB AWS, S3 http://127.0.0.1:9000 (us-east-1)");
    }

    @Test
    void settings_refuseHalfCredentialsAndRelativeEndpoints_andNeverPrintTheSecret() {
        assertThatThrownBy(() -> new AwsSettings("us-east-1", null, null, null, "key", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("together");
        assertThatThrownBy(() -> AwsSettings.of("us-east-1").withEndpoints(URI.create("localhost:9324"), null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sqsEndpoint");
        assertThat(AwsSettings.of("us-east-1").withStaticCredentials("kon", "hush").toString())
                .contains("kon").doesNotContain("hush");
    }

    @Test
    void clients_buildWithoutTouchingTheNetworkAndCloseTwice() {
        AwsClients clients = AwsClients.create(AwsSettings.of("us-east-1").withStaticCredentials("a", "b"));

        assertThat(clients.sqs()).isNotNull();
        clients.close();
        clients.close();
    }
}
