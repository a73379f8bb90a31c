package dev.kon.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kon.Backend;
import dev.kon.runs.InMemoryRunRegistry;
import dev.kon.workers.InMemoryWorkerRegistry;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The benchmark switch KON_REGISTRIES=off, and that nothing else turns the registries off. */
class AwsBackendsSwitchTest {
    private static final AwsSettings NOWHERE = AwsSettings.of("us-east-1").withStaticCredentials("k", "s");

    @Test
    void registriesOff_onlyForOff_inAnyCase() {
        assertThat(AwsBackends.registriesOff(Map.of(AwsBackends.REGISTRIES_ENV, "off"))).isTrue();
        assertThat(AwsBackends.registriesOff(Map.of(AwsBackends.REGISTRIES_ENV, " OFF "))).isTrue();
        assertThat(AwsBackends.registriesOff(Map.of(AwsBackends.REGISTRIES_ENV, "on"))).isFalse();
        assertThat(AwsBackends.registriesOff(Map.of(AwsBackends.REGISTRIES_ENV, "0"))).isFalse();
        assertThat(AwsBackends.registriesOff(Map.of())).isFalse();
    }

    @Test
    void forEnvironment_withRegistriesOff_keepsRunsAndWorkersInThisProcess() {
        try (AwsClients clients = AwsClients.create(NOWHERE)) {
            Backend off = AwsBackends.forEnvironment(clients, CloudNames.defaults(), Clock.systemUTC(),
                    Map.of(AwsBackends.REGISTRIES_ENV, "off"));
            Backend on = AwsBackends.forEnvironment(clients, CloudNames.defaults(), Clock.systemUTC(), Map.of());

            assertThat(off.runs()).isInstanceOf(InMemoryRunRegistry.class);
            assertThat(off.workers()).isInstanceOf(InMemoryWorkerRegistry.class);
            assertThat(on.runs()).isInstanceOf(RunsOnFirstUse.class);
            assertThat(on.workers()).isInstanceOf(WorkersOnFirstUse.class);
        }
    }
}
