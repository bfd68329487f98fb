package io.stagesync.devstage.files;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Which {@code uploadUrl}s devstage fetches. With an allow-list, only URLs of those origins ({@code scheme://host} for
 * any port, or {@code scheme://host:port}); without one, any http(s) host whose addresses are all public: loopback,
 * private, link-local and wildcard addresses are refused, so an uploadUrl cannot make devstage read local services.
 */
public final class UploadUrlPolicy {

    private final List<URI> allowed;

    public UploadUrlPolicy(List<String> origins) {
        this.allowed = origins.stream().map(String::trim).filter(o -> !o.isEmpty()).map(o -> {
            URI uri = URI.create(o);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("upload URL origin must look like http://host or http://host:port, got: " + o);
            }
            return uri;
        }).toList();
    }

    /** Null when {@code uri} may be fetched, else why not. */
    String refusal(URI uri) {
        if (!allowed.isEmpty()) {
            return allowed.stream().anyMatch(a -> sameOrigin(a, uri)) ? null
                    : "its origin is not in devstage's upload URL allow-list " + allowed;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
                if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                        || address.isSiteLocalAddress() || address.isMulticastAddress()) {
                    return "it points at a local or private address (" + address.getHostAddress() + "); allow its origin "
                            + "explicitly (devstage --allow-upload-url) to fetch from there";
                }
            }
            return null;
        } catch (UnknownHostException e) {
            return "its host cannot be resolved";
        }
    }

    private static boolean sameOrigin(URI allowed, URI uri) {
        return allowed.getScheme().equalsIgnoreCase(uri.getScheme())
                && allowed.getHost().toLowerCase(Locale.ROOT).equals(uri.getHost() == null ? null : uri.getHost().toLowerCase(Locale.ROOT))
                && (allowed.getPort() == -1 || allowed.getPort() == port(uri));
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
