package io.camelinngest.client;

/**
 * Reads the body of a plain success (HTTP 2xx, a JSON body) in one pass straight into what the call returns, or answers
 * {@code null} for anything else: an error in disguise, another shape, malformed JSON. {@link ResponseReader} then
 * reads that body the usual way and says what failed, exactly as without this shortcut.
 */
@FunctionalInterface
interface PlainSuccess {

    /** What the call returns, or {@code null} when {@code body} is not a plain success of this call. */
    Object read(byte[] body);
}
