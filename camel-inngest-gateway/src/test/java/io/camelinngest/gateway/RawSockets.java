package io.camelinngest.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Raw socket exchanges with the gateway's ports, for what an HTTP client would not send or wait for. */
final class RawSockets {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?i)content-length:\\s*(\\d+)");

    /** How long the server kept a connection open after the bytes were sent, and what it answered before closing. */
    record Closed(long millis, String answer) {
    }

    private RawSockets() {
    }

    /** Sends {@code bytes} on a new connection and reads until the server closes it (or resets it). */
    static Closed closedAfterSending(int port, String bytes, long timeoutMillis) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) timeoutMillis);
            long start = System.nanoTime();
            socket.getOutputStream().write(bytes.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            byte[] answer;
            try {
                answer = socket.getInputStream().readAllBytes();
            } catch (SocketException reset) {
                answer = new byte[0];
            }
            return new Closed((System.nanoTime() - start) / 1_000_000, new String(answer, StandardCharsets.UTF_8));
        }
    }

    /** Reads an answer's head, then its body by its Content-Length when it has one: the head. */
    static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.append((char) b);
        }
        Matcher length = CONTENT_LENGTH.matcher(head);
        if (length.find()) {
            in.readNBytes(Integer.parseInt(length.group(1)));
        }
        return head.toString();
    }
}
