package dev.driftguard.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A host that accepts connections and never answers: the registry behind a hung load balancer or a frozen VM,
 * which no lock or refused connection imitates. Every client is left waiting until {@link #close()}.
 *
 * <pre>{@code try (SilentServer silent = SilentServer.start()) { ... silent.port() ... }}</pre>
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<Socket> clients = new CopyOnWriteArrayList<>();

    private SilentServer(ServerSocket socket) {
        this.socket = socket;
        Thread accepting = new Thread(this::accept, "silent-server");
        accepting.setDaemon(true);
        accepting.start();
    }

    /** A silent server on a free loopback port. */
    public static SilentServer start() {
        try {
            return new SilentServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The port it listens on. */
    public int port() {
        return socket.getLocalPort();
    }

    /** How many clients have connected so far. */
    public int connections() {
        return clients.size();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                clients.add(socket.accept()); // kept open, never read, never written
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket client : clients) {
            client.close();
        }
    }
}
