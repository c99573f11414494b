package io.camelinngest.state;

/**
 * A {@link SharedStateRepository} refused a write because another node wrote the key since this instance read it: this
 * node is not the one that moves the position any more (it lost the lead, or it was paused while another took over),
 * and writing its older position would make the next leader deliver again what was already delivered. Read the key
 * again ({@code getState}) before writing it.
 */
public class StaleStateException extends IllegalStateException {

    private final String key;
    private final long expectedVersion;
    private final long foundVersion;

    /**
     * @param where where the key is kept, as the message names it: {@code table CAMEL_INNGEST_STATE}, {@code memory}
     */
    public StaleStateException(String key, String where, long expectedVersion, long foundVersion) {
        super("The state under key '" + key + "' in " + where + " was written by another node since this one read it"
              + " (version " + expectedVersion + " read, " + foundVersion + " found): this node no longer leads, so its"
              + " write was refused rather than move the position back; it reads the position again before it goes on");
        this.key = key;
        this.expectedVersion = expectedVersion;
        this.foundVersion = foundVersion;
    }

    public String getKey() {
        return key;
    }

    /** The version this instance read (0: no row). */
    public long getExpectedVersion() {
        return expectedVersion;
    }

    /** The version in the table when the write was refused (0: no row). */
    public long getFoundVersion() {
        return foundVersion;
    }
}
