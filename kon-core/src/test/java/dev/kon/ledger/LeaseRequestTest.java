package dev.kon.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseRequestTest {
    private static final Instant UNTIL = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void request_withKeyOwnerAndLease_holdsThem() {
        LeaseRequest r = new LeaseRequest("run-b1", "host/1/ab", UNTIL);

        assertThat(r.key()).isEqualTo("run-b1");
        assertThat(r.owner()).isEqualTo("host/1/ab");
        assertThat(r.leaseUntil()).isEqualTo(UNTIL);
    }

    @Test
    void request_withAnEmptyKey_throws() {
        assertThatThrownBy(() -> new LeaseRequest("", "o", UNTIL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("key must not be empty");
    }

    @Test
    void request_withANullField_throwsNamingIt() {
        assertThatThrownBy(() -> new LeaseRequest(null, "o", UNTIL)).isInstanceOf(NullPointerException.class)
                .hasMessage("key");
        assertThatThrownBy(() -> new LeaseRequest("k", null, UNTIL)).isInstanceOf(NullPointerException.class)
                .hasMessage("owner");
        assertThatThrownBy(() -> new LeaseRequest("k", "o", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("leaseUntil");
    }
}
