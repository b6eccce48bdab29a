package org.cortexsim.run;

import java.util.Locale;
import org.cortexsim.config.Config;
import org.cortexsim.config.ConfigException;
import org.cortexsim.run.build.SimulationFactory;

/**
 * What exchanging spikes costs a partitioned run of a config on K machines, per second of model
 * time, before anything is built: the window (steps between exchanges, the shortest delay), the
 * exchanges, the spikes of the whole network (at an assumed mean rate), the bytes each partition
 * publishes (one message per window: 24 bytes, 4 per sample, 4 per spike of its own neurons) and
 * receives (every other partition's), and the wall time the exchanges' latency alone adds at a
 * given latency per exchange. docs/scale-out.md derives it and fits the latency.
 */
public record ExchangeEstimate(int partitions, int windowSteps, double windowMs, double exchangesPerSecond,
        double spikesPerSecond, double bytesSentPerPartition, double bytesReceivedPerPartition) {

    /** Rate assumed for the projection when none is given, Hz (as {@link Estimate} assumes for recordings). */
    public static final double ASSUMED_RATE_HZ = 20.0;

    /**
     * Latency of one exchange measured between two JVMs on one machine over loopback, s (docs/scale-out.md:
     * the median of the measured waits, which include the partitions' imbalance).
     */
    public static final double LOOPBACK_LATENCY_S = 0.4e-3;

    public static ExchangeEstimate of(Config config, int partitions, double rateHz) throws ConfigException {
        int window = SimulationFactory.windowSteps(config);
        double dt = config.simulation().dtMs();
        double exchanges = 1000.0 / (window * dt);
        long neurons = config.populations().stream().mapToLong(p -> p.size()).sum();
        double spikes = neurons * rateHz;
        double sent = exchanges * (24 + 4.0 * window) + 4.0 * spikes / partitions;
        double received = (partitions - 1) * sent;
        return new ExchangeEstimate(partitions, window, window * dt, exchanges, spikes, sent, received);
    }

    /** Wall seconds per model second spent waiting on exchanges at {@code latencySeconds} each. */
    public double latencySeconds(double latencySeconds) {
        return exchangesPerSecond * latencySeconds;
    }

    /** One line for {@code validate}. */
    public String describe(double rateHz) {
        return String.format(Locale.ROOT, "window %d step(s) (%s ms, the shortest delay): per model second on %d "
                + "machines, %.0f exchanges, ~%.3g spikes (at %s Hz), each partition sends %s and receives %s; "
                + "latency alone >= %.2f s at %.1f ms per exchange (as measured between two JVMs on one machine)", windowSteps,
                windowMs, partitions, exchangesPerSecond, spikesPerSecond, rateHz,
                Estimate.human((long) bytesSentPerPartition), Estimate.human((long) bytesReceivedPerPartition),
                latencySeconds(LOOPBACK_LATENCY_S), LOOPBACK_LATENCY_S * 1e3);
    }
}
