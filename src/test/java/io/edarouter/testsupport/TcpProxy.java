package io.edarouter.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP forwarder from {@code 127.0.0.1:}{@link #port()} to a target, that a test can {@link #cut()} (every
 * connection closed, new ones refused, as when a database server goes away) and {@link #restore()}. With a
 * {@code delay}, each direction hands on what it read that long after reading it, as a network's latency would:
 * later bytes follow without waiting for the earlier ones' delay to end.
 */
public final class TcpProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private final long delayNanos;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    public TcpProxy(String targetHost, int targetPort) {
        this(targetHost, targetPort, Duration.ZERO);
    }

    public TcpProxy(String targetHost, int targetPort, Duration delay) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.delayNanos = delay.toNanos();
        this.port = ExternalProcess.freePort();
        restore();
    }

    public int port() {
        return port;
    }

    /** Closes every forwarded connection and stops listening: connecting is refused until {@link #restore()}. */
    public synchronized void cut() {
        closeQuietly(server);
        server = null;
        sockets.forEach(TcpProxy::closeQuietly);
        sockets.clear();
    }

    /** Listens and forwards again. */
    public synchronized void restore() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket listening = new ServerSocket();
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = listening;
            Thread acceptor = new Thread(() -> accept(listening), "tcp-proxy-" + port + "-accept");
            acceptor.setDaemon(true);
            acceptor.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + port, e);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket target = new Socket(targetHost, targetPort);
                // each write goes at once, as the client's own (pgjdbc's) would: Nagle's wait for the other side's
                // delayed acknowledgement held the proxied writes up to 40 ms
                client.setTcpNoDelay(true);
                target.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(target);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                // closed by cut(), or the target refused: the client sees its connection end
            }
        }
    }

    private void pump(Socket from, Socket to) {
        BlockingQueue<Chunk> delayed = delayNanos > 0 ? new LinkedBlockingQueue<>() : null;
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            // with a delay the sender thread owns the way out, and closes both sides once it has written the last
            try (InputStream in = from.getInputStream()) {
                OutputStream out = delayed == null ? to.getOutputStream() : null;
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    if (delayed != null) {
                        delayed.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + delayNanos));
                        continue;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed
            } finally {
                if (delayed != null) {
                    delayed.add(Chunk.END);
                } else {
                    close(from, to);
                }
            }
        }, "tcp-proxy-" + port + "-pump");
        thread.setDaemon(true);
        thread.start();
        if (delayed != null) {
            Thread sender = new Thread(() -> send(delayed, from, to), "tcp-proxy-" + port + "-delay");
            sender.setDaemon(true);
            sender.start();
        }
    }

    /** Writes each chunk once its time has come, then closes both sides after the last. */
    private void send(BlockingQueue<Chunk> delayed, Socket from, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            for (Chunk chunk = delayed.take(); chunk != Chunk.END; chunk = delayed.take()) {
                long wait = chunk.dueNanos() - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                out.write(chunk.bytes());
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed
        } finally {
            close(from, to);
        }
    }

    private void close(Socket from, Socket to) {
        closeQuietly(from);
        closeQuietly(to);
        sockets.remove(from);
        sockets.remove(to);
    }

    /** Bytes read, and when they are to be written on. */
    private record Chunk(byte[] bytes, long dueNanos) {
        static final Chunk END = new Chunk(new byte[0], 0);
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
