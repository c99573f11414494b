package io.camelinngest.client;

/**
 * The wording of the input checks that several places make (the client, the producer's message inputs, the options
 * checked when an endpoint starts): one sentence per kind of bad input, so the same mistake reads the same wherever it
 * is caught. Each place names what to fix (a parameter, a header and an option) as the subject.
 */
public final class InputChecks {

    /** The ULID shown as an example of a valid ID. */
    public static final String ULID_EXAMPLE = "01JWNNSVKR5DW3DMHK620M933E";

    private InputChecks() {
    }

    /** {@code <subject> must be a 26-character ULID such as ..., was '<value>'}. */
    public static IllegalArgumentException notAUlid(String subject, String value) {
        return new IllegalArgumentException(
                subject + " must be a 26-character ULID such as " + ULID_EXAMPLE + ", was '"
                                            + value + "'");
    }

    /** {@code <subject> must hold 26-character ULIDs such as ..., was '<value>'} (lists of IDs). */
    public static IllegalArgumentException notUlids(String subject, String how, String value) {
        return new IllegalArgumentException(
                subject + " must hold 26-character ULIDs such as " + ULID_EXAMPLE + how
                                            + ", was '" + value + "'");
    }

    /** {@code <subject> must be a whole number from 1 to <max>, was '<value>'} (page sizes, limits). */
    public static IllegalArgumentException outOfRange(String subject, int max, Object value) {
        return new IllegalArgumentException(subject + " must be a whole number from 1 to " + max + ", was '" + value + "'");
    }

    /** The call needs a signing key and has none. */
    public static IllegalArgumentException noSigningKey(String subject) {
        return new IllegalArgumentException(
                subject + " needs a signing key: set option signingKey (or the environment"
                                            + " variable INNGEST_SIGNING_KEY), or dev=true to use a Dev Server");
    }

    /** The send needs an event key and has none. */
    public static IllegalArgumentException noEventKey(String subject) {
        return new IllegalArgumentException(
                subject + " needs an event key: set option eventKey (or the environment"
                                            + " variable INNGEST_EVENT_KEY), or dev=true to use a Dev Server");
    }
}
