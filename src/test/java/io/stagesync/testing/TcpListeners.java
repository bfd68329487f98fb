package io.stagesync.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The machine's listening TCP sockets as the kernel lists them ({@code /proc/net/tcp}, {@code /proc/net/tcp6}). */
public final class TcpListeners {

    /** IPv4 127.0.0.1 and its IPv4-mapped IPv6 form, as hex in the kernel's tables. */
    public static final List<String> LOOPBACK = List.of("0100007F", "0000000000000000FFFF00000100007F");

    private TcpListeners() {
    }

    /** Local addresses (hex) of the sockets listening on {@code port}. */
    public static List<String> addresses(int port) throws IOException {
        List<String> addresses = new ArrayList<>();
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[1].endsWith(":" + hexPort) && "0A".equals(f[3])) {
                    addresses.add(f[1].substring(0, f[1].indexOf(':')));
                }
            }
        }
        return addresses;
    }
}
