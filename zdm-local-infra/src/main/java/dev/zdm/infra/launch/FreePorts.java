package dev.zdm.infra.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;

/**
 * Free loopback ports, chosen by the kernel (bind port 0). A port is free when chosen but may be
 * taken before the server binds it, so launchers retry with fresh ports on a bind failure
 * ({@link Retry#onBindFailure}).
 */
public final class FreePorts {

    /** The loopback address every server started here listens on. */
    public static final String LOOPBACK = "127.0.0.1";

    private FreePorts() {
    }

    /** {@code count} distinct free ports on {@link #LOOPBACK}. */
    public static int[] pick(int count) {
        Set<Integer> seen = new HashSet<>();
        int[] ports = new int[count];
        int i = 0;
        while (i < count) {
            int port = pickOne();
            if (seen.add(port)) {
                ports[i++] = port;
            }
        }
        return ports;
    }

    /** Whether {@code port} on {@link #LOOPBACK} can be bound right now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int pickOne() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind any port on " + LOOPBACK, e);
        }
    }
}
