package io.camelinngest.state;

import java.util.Map;

import org.apache.camel.spi.StateRepository;

/**
 * A {@link StateRepository} that several nodes share (a database table, say), and what the Inngest consumers need from
 * it so that a node that lost the lead cannot move the position back. Each instance is one node's view:
 * <ul>
 * <li>{@link #getState} reads a key and remembers, in this instance, which write of the key it saw;</li>
 * <li>{@link #setState} is a compare-and-set: it writes only if no other instance wrote the key since this one last
 * read or wrote it. A key this instance never read is written only if no instance wrote it yet. Otherwise it throws a
 * {@link StaleStateException}, and every later write of that key throws too, until the key is read again;</li>
 * <li>{@link #setStates} does the same for several keys in one atomic step: all of them are written, or, when one of
 * them is stale (or the write fails), none.</li>
 * </ul>
 * The consumers read every key of their position when they start (each time their node takes the lead) and again after
 * a write failed, so the first write of a node that was paused while another led fails instead of overwriting what the
 * other delivered. With {@code positionCommit=poll} a poll's position is written with one call, in one transaction of a
 * database repository. Any plain {@link StateRepository} works too, on one node.
 */
public interface SharedStateRepository extends StateRepository<String, String> {

    /**
     * Writes all {@code states} (key to value) or none, each under the rule of {@link #setState}.
     *
     * @throws StaleStateException when another instance wrote one of the keys since this one read it: nothing was
     *                             written
     */
    void setStates(Map<String, String> states);
}
