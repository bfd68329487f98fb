package io.stagesync.assets;

import java.io.IOException;

/**
 * An open, streaming source file: its bytes pass through a checksum as they are read.
 *
 * @param stream      the file's bytes; close it when done
 * @param length      the length the source declared, or -1 when it declared none
 * @param contentType the media type the source declared, or {@code application/octet-stream}
 */
public record SourceFile(ChecksumInputStream stream, long length, String contentType) implements AutoCloseable {

    @Override
    public void close() {
        try {
            stream.close();
        } catch (IOException e) {
            // the stream is abandoned either way; a close failure changes nothing for the asset
        }
    }
}
