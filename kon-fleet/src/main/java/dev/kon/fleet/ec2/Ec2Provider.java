package dev.kon.fleet.ec2;

import dev.kon.fleet.FleetMember;
import dev.kon.fleet.WorkerProvider;
import java.util.List;
import java.util.UUID;

/**
 * The autoscaler's workers as EC2 instances of one fleet. Pending instances are starting, running ones running,
 * and shutting-down or stopping ones draining (their worker is finishing what it holds). Draining terminates the
 * instance: its shutdown stops the worker with SIGTERM (see {@link Ec2Fleet}). Each launch has a client token of its
 * own; the SDK's retries of one launch reuse it, so a lost answer never starts the instances twice.
 */
public final class Ec2Provider implements WorkerProvider {
    private final Ec2Fleet fleet;
    private final FleetSpec spec;
    private final AutoCloseable clients;

    /** @param clients closed with the provider (the EC2 clients it was built on), or null */
    public Ec2Provider(Ec2Fleet fleet, FleetSpec spec, AutoCloseable clients) {
        this.fleet = fleet;
        this.spec = spec;
        this.clients = clients;
    }

    @Override
    public void close() {
        if (clients != null) {
            try {
                clients.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing the EC2 clients failed: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public String name() {
        return "ec2";
    }

    @Override
    public List<FleetMember> members() {
        return fleet.list(spec.fleet()).stream().filter(i -> !i.state().equals("stopped"))
                .map(i -> new FleetMember(i.id(), state(i.state()), i.launched())).toList();
    }

    @Override
    public void launch(int count) {
        fleet.launch(spec, count, "kon-" + UUID.randomUUID());
    }

    @Override
    public void drain(FleetMember member) {
        fleet.terminate(List.of(member.id()));
    }

    private static FleetMember.State state(String ec2State) {
        return switch (ec2State) {
            case "pending" -> FleetMember.State.STARTING;
            case "running" -> FleetMember.State.RUNNING;
            default -> FleetMember.State.DRAINING;
        };
    }
}
