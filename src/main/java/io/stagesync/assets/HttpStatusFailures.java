package io.stagesync.assets;

/**
 * Turns an unexpected HTTP status into the failure it stands for: 408, 429 and 5xx are transient, the rest final.
 */
public final class HttpStatusFailures {

    private HttpStatusFailures() {
    }

    public static RuntimeException of(int status, String what, String url) {
        String where = stripQuery(url);
        if (status == 408 || status == 429 || status >= 500) {
            return new AssetTransientException(what + " answered HTTP " + status + " url=" + where);
        }
        if (status == 404) {
            return new AssetFailedException(what + " not found (HTTP 404) url=" + where);
        }
        return new AssetFailedException(what + " rejected with HTTP " + status + " url=" + where);
    }

    /** Pre-signed URLs carry credentials in their query: never put those in a reason or a log. */
    public static String stripQuery(String url) {
        int q = url == null ? -1 : url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }
}
