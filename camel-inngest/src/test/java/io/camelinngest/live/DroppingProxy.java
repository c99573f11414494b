package io.camelinngest.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of the Dev Server that loses one answer: on the first connection it forwards the request, and
 * when the server starts to answer it closes the client's connection instead of relaying the response. The server has
 * then acted on the request, and the client sees the connection drop mid-exchange. Every later connection is relayed in
 * both directions untouched.
 */
final class DroppingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final URI upstream;
    private final AtomicBoolean dropNext = new AtomicBoolean(true);
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    DroppingProxy(String upstreamUrl) throws IOException {
        this.upstream = URI.create(upstreamUrl);
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "dropping-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The proxy's origin, e.g. http://127.0.0.1:41234. */
    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** How many client connections the proxy accepted. */
    int connections() {
        return connections.get();
    }

    /** How many responses the proxy dropped (at most one). */
    int dropped() {
        return dropped.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                connections.incrementAndGet();
                Socket origin = connectUpstream();
                boolean drop = dropNext.getAndSet(false);
                pump(client, origin, false, "request");
                pump(origin, client, drop, "response");
            } catch (IOException e) {
                // closed, or the server is gone: the client sees its connection refused or dropped
            }
        }
    }

    private Socket connectUpstream() throws IOException {
        IOException last = null;
        int port = upstream.getPort() == -1 ? 80 : upstream.getPort();
        for (InetAddress address : InetAddress.getAllByName(upstream.getHost())) {
            try {
                return new Socket(address, port);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last != null ? last : new IOException("no address for " + upstream.getHost());
    }

    private void pump(Socket from, Socket to, boolean dropFirstBytes, String what) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buffer)) != -1) {
                    if (dropFirstBytes) {
                        // the server has answered, so it has acted on the request: the answer never arrives
                        dropped.incrementAndGet();
                        break;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "dropping-proxy-" + what);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
