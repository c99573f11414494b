package io.camelinngest.client;

import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bytes of one send as the generator flushes them: an output stream whose array the request body is taken from
 * without a copy. The first write allocates exactly what it is given (the generator buffers a small send whole and
 * flushes it once at the end, so such a send allocates its body once and at its final size); later writes grow it.
 */
final class SendBuffer extends OutputStream {

    private static final byte[] EMPTY = new byte[0];

    private byte[] bytes = EMPTY;
    private int count;

    @Override
    public void write(int b) {
        ensure(1);
        bytes[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, bytes, count, len);
        count += len;
    }

    private void ensure(int more) {
        int needed = count + more;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, bytes.length == 0 ? needed : Math.max(needed, 2 * bytes.length));
        }
    }

    /** The array written to so far (valid up to {@link #size()}); it changes when a later write grows it. */
    byte[] array() {
        return bytes;
    }

    int size() {
        return count;
    }
}
