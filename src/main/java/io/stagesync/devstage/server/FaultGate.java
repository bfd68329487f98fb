package io.stagesync.devstage.server;

import com.sun.net.httpserver.HttpExchange;
import io.stagesync.devstage.faults.FaultSettings;

import java.io.IOException;

/** Applies an environment's injected faults to one exchange: latency, 429, 500 or a dropped connection. */
final class FaultGate {

    private FaultGate() {
    }

    /** True when the request may go on; otherwise the exchange has been answered or will be dropped. */
    static boolean pass(HttpExchange exchange, FaultSettings faults, RequestStats stats) throws IOException {
        delay(faults.latencyMs());
        switch (faults.decide()) {
            case RATE_LIMITED -> {
                stats.countFaulted();
                if (faults.retryAfterSeconds() > 0) {
                    exchange.getResponseHeaders().set("Retry-After", Integer.toString(faults.retryAfterSeconds()));
                }
                HttpJson.sendError(exchange, 429, "Too Many Requests");
                return false;
            }
            case ERROR -> {
                stats.countFaulted();
                HttpJson.sendError(exchange, 500, "Internal Server Error (injected by devstage)");
                return false;
            }
            case DROP -> {
                stats.countFaulted();
                // The JDK server closes the connection without a response when a handler throws.
                throw new DroppedConnection();
            }
            default -> {
                return true;
            }
        }
    }

    /** Waits {@code latency} ms before the request is handled. */
    static void delay(long latency) throws IOException {
        if (latency > 0) {
            try {
                Thread.sleep(latency);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while injecting latency", e);
            }
        }
    }

    /** Thrown to make the JDK HTTP server close the connection without answering. */
    static final class DroppedConnection extends RuntimeException {
        DroppedConnection() {
            super("connection dropped by devstage fault injection", null, false, false);
        }
    }
}
