package dev.kon.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kon.Backend;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AwsClientsTest {
    private AwsClients clients;

    @BeforeEach
    void create() throws IOException {
        clients = AwsClients.create(AwsSettings.of("us-east-1").withStaticCredentials("key", "secret")
                .withEndpoints(nobodyListening(), nobodyListening(), nobodyListening()));
    }

    @AfterEach
    void close() {
        clients.close();
    }

    @Test
    void create_buildsNoClient() {
        assertThat(clients.built()).isEmpty();
    }

    @Test
    void client_askedForTwice_isBuiltOnce() {
        assertThat(clients.sqs()).isSameAs(clients.sqs());
        assertThat(clients.built()).containsExactly("sqs");
    }

    @Test
    void backend_untilItsLedgerOrBlobsAreUsed_buildsOnlyTheSqsClient() {
        Backend backend = AwsBackends.create(clients, CloudNames.defaults(), Clock.systemUTC());

        assertThat(clients.built()).containsExactly("sqs");

        // Nobody listens at the endpoints: the calls fail, after building their clients.
        assertThatThrownBy(() -> backend.blobs().exists("logs/x.json")).isInstanceOf(RuntimeException.class);
        assertThat(clients.built()).containsExactly("sqs", "s3", "s3-presigner");

        assertThatThrownBy(() -> backend.ledger().read("b-1")).isInstanceOf(RuntimeException.class);
        assertThat(clients.built()).containsExactly("sqs", "dynamodb", "s3", "s3-presigner");
    }

    @Test
    void buildAll_buildsEveryClientAtOnce() {
        assertThat(clients.buildAll()).isSameAs(clients);

        assertThat(clients.built()).containsExactly("sqs", "dynamodb", "s3", "s3-presigner");
    }

    @Test
    void client_askedForAfterClose_isRefusedRatherThanLeaked() {
        clients.sqs();
        clients.close();
        clients.close();

        assertThatThrownBy(() -> clients.dynamoDb()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThat(clients.built()).containsExactly("sqs");
    }

    /** A loopback address where a call is refused at once. */
    private static URI nobodyListening() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }
}
