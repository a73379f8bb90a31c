package dev.kon.worker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WorkerStateTest {
    private final WorkerState state = new WorkerState("host/1/w");

    @Test
    void newState_acceptsBundles() {
        assertThat(state.accepting()).isTrue();
        assertThat(state.killed()).isFalse();
        assertThat(state.intakeEnded()).isFalse();
        assertThat(state.workerId()).isEqualTo("host/1/w");
    }

    @Test
    void stopAccepting_answersTrueOnlyForTheFirstCall() {
        assertThat(state.stopAccepting()).isTrue();
        assertThat(state.stopAccepting()).isFalse();
        assertThat(state.accepting()).isFalse();
        assertThat(state.killed()).isFalse();
    }

    @Test
    void kill_endsAcceptingAndLeavesNoStopToBegin() {
        state.kill();

        assertThat(state.accepting()).isFalse();
        assertThat(state.killed()).isTrue();
        assertThat(state.stopAccepting()).isFalse();
    }

    @Test
    void intakeEnded_onlyOnceStoppedAndThePollerHasEnded() {
        state.stopAccepting();
        assertThat(state.intakeEnded()).as("the poller may still put a bundle in hand").isFalse();

        state.markPollerEnded();

        assertThat(state.intakeEnded()).isTrue();
    }
}
