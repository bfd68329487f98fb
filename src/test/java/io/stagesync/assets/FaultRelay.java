package io.stagesync.assets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A TCP relay in front of a real HTTP server, for faults a test cannot provoke otherwise: it passes bytes both ways
 * and, for a request whose head matches a rule, either cuts the connection after some bytes of its body, or holds its
 * body back for a while (as a client thread that is not scheduled in time would). A connection the server closes is
 * closed towards the client too. Request heads are recognised by their method at the start of a read.
 */
public final class FaultRelay implements AutoCloseable {

    private static final List<String> METHODS = List.of("GET ", "PUT ", "POST ", "HEAD ", "DELETE ");

    private final ServerSocket server;
    private final int targetPort;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private volatile Predicate<String> cutRule = head -> false;
    private volatile long cutAfterBytes;
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile Predicate<String> delayRule = head -> false;
    private volatile long delayMs;

    public FaultRelay(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "fault-relay-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Cuts the connection of the first {@code times} requests whose head matches, after {@code afterBytes} bytes of body. */
    public void cut(Predicate<String> head, int times, long afterBytes) {
        AtomicInteger left = new AtomicInteger(times);
        this.cutAfterBytes = afterBytes;
        this.cutRule = h -> head.test(h) && left.getAndDecrement() > 0;
    }

    /** Holds back the body of every request whose head matches by {@code ms}. */
    public void delayBody(Predicate<String> head, long ms) {
        this.delayMs = ms;
        this.delayRule = head;
    }

    /** Connections cut so far. */
    public int cuts() {
        return cuts.get();
    }

    /** Closes every connection relayed so far (what they hold back never reaches the server); new ones are still taken. */
    public void dropConnections() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    /** The request heads seen so far (request line and headers), in order. */
    public List<String> heads() {
        return List.copyOf(heads);
    }

    /** The request lines seen so far, in order. */
    public List<String> requestLines() {
        return heads.stream().map(h -> h.lines().findFirst().orElse("")).toList();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(target);
                start(() -> requests(client, target), "fault-relay-up");
                start(() -> responses(target, client), "fault-relay-down");
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    /** Client to server: watches request heads and applies the rules to the bytes after them. */
    private void requests(Socket client, Socket target) {
        byte[] buf = new byte[64 * 1024];
        long cutIn = -1;
        boolean delayed = false;
        try (InputStream in = client.getInputStream(); OutputStream out = target.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                String start = new String(buf, 0, Math.min(n, 8), StandardCharsets.ISO_8859_1);
                int from = 0;
                if (METHODS.stream().anyMatch(start::startsWith)) {
                    String head = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                    int end = head.indexOf("\r\n\r\n");
                    head = end < 0 ? head : head.substring(0, end);
                    heads.add(head);
                    cutIn = cutRule.test(head) ? cutAfterBytes : -1;
                    delayed = delayRule.test(head);
                    from = end < 0 ? n : end + 4;
                    out.write(buf, 0, from);
                    out.flush();
                }
                if (from < n) {
                    if (delayed) {
                        Thread.sleep(delayMs);
                    }
                    int pass = (int) (cutIn < 0 ? n - from : Math.min(n - from, cutIn));
                    out.write(buf, from, pass);
                    out.flush();
                    if (cutIn >= 0 && (cutIn -= pass) <= 0) {
                        cuts.incrementAndGet();
                        break;
                    }
                } else if (cutIn == 0) {
                    cuts.incrementAndGet();
                    break;
                }
            }
        } catch (IOException e) {
            // either side went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            closeQuietly(target);
        }
    }

    /** Server to client, until the server closes; then the client's connection is closed too. */
    private static void responses(Socket target, Socket client) {
        try (InputStream in = target.getInputStream(); OutputStream out = client.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // either side went away
        } finally {
            closeQuietly(client);
            closeQuietly(target);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
