package io.camelinngest.client;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The value of {@code x-inngest-event-id-seed}: {@code <unixMillis>,<base64 of 10 random bytes>}. The server derives
 * the internal ID of the event at 1-based position n of a request from the seed with n added (as an unsigned 32-bit
 * big-endian number) to the last 4 entropy bytes. Re-sending a request with the same seed therefore yields the same
 * internal IDs and starts no duplicate runs.
 * <p>
 * One seed is made per logical send. When a send is split into several requests, the request that starts at event
 * offset k carries the seed with k added the same way, so every event gets the ID it would have had in one request.
 */
public final class EventIdSeed {

    public static final String HEADER = "x-inngest-event-id-seed";
    /**
     * The seed's entropy makes the IDs of the send unique among all senders' (two sends with the same seed in the same
     * millisecond would get the same internal IDs, and the server would take the second for a repeat), so it stays from
     * a cryptographic source, seeded by the system. But one {@code SecureRandom} is one lock for every sending thread
     * (the default NativePRNG also shares its state between instances), so senders draw from one of a few independent
     * SHA1PRNG instances (each seeded by the system on first use), picked at random; SHA1PRNG is also cheaper per seed
     * than NativePRNG and DRBG (figures in docs/performance.md).
     */
    private static final SecureRandom[] RANDOMS = randoms(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));

    private final long millis;
    /** Never changed after construction: owned by this seed, so no copy is made of it per request. */
    private final byte[] entropy;
    /** The header value, encoded once: a seed is immutable. */
    private volatile String headerValue;

    EventIdSeed(long millis, byte[] entropy) {
        this(millis, entropy.clone(), true);
    }

    /** Takes {@code entropy} as is: only for arrays nobody else holds. */
    private EventIdSeed(long millis, byte[] entropy, boolean owned) {
        if (entropy.length != 10) {
            throw new IllegalArgumentException("entropy must be 10 bytes");
        }
        this.millis = millis;
        this.entropy = entropy;
    }

    /** A new seed: now, and 10 random bytes. */
    public static EventIdSeed random() {
        byte[] entropy = new byte[10];
        RANDOMS[ThreadLocalRandom.current().nextInt(RANDOMS.length)].nextBytes(entropy);
        return new EventIdSeed(System.currentTimeMillis(), entropy, true);
    }

    private static SecureRandom[] randoms(int count) {
        SecureRandom[] randoms = new SecureRandom[count];
        for (int i = 0; i < count; i++) {
            try {
                randoms[i] = SecureRandom.getInstance("SHA1PRNG");
            } catch (NoSuchAlgorithmException e) {
                randoms[i] = new SecureRandom();
            }
        }
        return randoms;
    }

    /** The seed for the request whose first event is at 0-based {@code offset} in the whole send. */
    EventIdSeed forOffset(int offset) {
        if (offset == 0) {
            return this; // the first request of every send: no copy
        }
        byte[] shifted = entropy.clone();
        ByteBuffer bytes = ByteBuffer.wrap(shifted);
        bytes.putInt(6, bytes.getInt(6) + offset); // wraps around like the server's uint32
        return new EventIdSeed(millis, shifted, true);
    }

    /**
     * Reads a seed from its header value, e.g. one kept from an earlier attempt of the same send.
     *
     * @throws IllegalArgumentException when the value is not {@code <millis>,<base64 of 10 bytes>}
     */
    public static EventIdSeed parse(String value) {
        String[] parts = value == null ? new String[0] : value.split(",");
        try {
            if (parts.length == 2) {
                return new EventIdSeed(Long.parseLong(parts[0].trim()), Base64.getDecoder().decode(parts[1].trim()), true);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IllegalArgumentException("An event ID seed must be <unixMillis>,<base64 of 10 bytes>, was '" + value + "'");
    }

    /** The value of the {@code x-inngest-event-id-seed} header. */
    public String headerValue() {
        String value = headerValue;
        if (value == null) {
            value = millis + "," + Base64.getEncoder().encodeToString(entropy);
            headerValue = value; // racing threads compute the same string
        }
        return value;
    }
}
