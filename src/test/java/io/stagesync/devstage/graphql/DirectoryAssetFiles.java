package io.stagesync.devstage.graphql;

import io.stagesync.devstage.AssetFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** A file-system {@link AssetFiles} for content-API tests: one directory per environment, fetches from file: URLs. */
final class DirectoryAssetFiles implements AssetFiles {
    private final Path root;
    private final Map<String, String> types = new java.util.concurrent.ConcurrentHashMap<>();

    DirectoryAssetFiles(Path root) {
        this.root = root;
    }

    Path file(String environment, String assetId) {
        return root.resolve(environment).resolve(assetId);
    }

    @Override
    public Map<String, String> requestPostData(String environment, String assetId, String fileName) {
        return Map.of("url", "file://" + root.resolve(environment), "date", "20260101T000000Z", "key", environment + "/" + assetId,
                "signature", "sig-" + assetId, "algorithm", "AWS4-HMAC-SHA256", "policy", "policy", "credential", "test/credential");
    }

    @Override
    public void fetch(String environment, String assetId, String fileName, String uploadUrl,
                      Consumer<FileInfo> onComplete, Consumer<String> onError) {
        new Thread(() -> {
            try (InputStream in = URI.create(uploadUrl).toURL().openStream()) {
                onComplete.accept(store(environment, assetId, fileName, in));
            } catch (IOException | RuntimeException e) {
                onError.accept("Cannot fetch " + uploadUrl + ": " + e.getMessage());
            }
        }).start();
    }

    @Override
    public FileInfo put(String environment, String assetId, String fileName, InputStream content, long length) {
        return store(environment, assetId, fileName, content);
    }

    @Override
    public Optional<FileInfo> stat(String environment, String assetId) {
        Path f = file(environment, assetId);
        try {
            return Files.exists(f) ? Optional.of(new FileInfo(Files.size(f), types.getOrDefault(assetId, "application/octet-stream"))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String url(String environment, String assetId, String fileName) {
        return "http://localhost/assets/" + environment + "/" + assetId;
    }

    @Override
    public void delete(String environment, String assetId) {
        try {
            Files.deleteIfExists(file(environment, assetId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FileInfo store(String environment, String assetId, String fileName, InputStream in) {
        try {
            Path f = file(environment, assetId);
            Files.createDirectories(f.getParent());
            Files.copy(in, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            types.put(assetId, mime(fileName));
            return new FileInfo(Files.size(f), mime(fileName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mime(String name) {
        String n = name.toLowerCase();
        return n.endsWith(".png") ? "image/png" : n.endsWith(".jpg") ? "image/jpeg" : n.endsWith(".pdf") ? "application/pdf"
                : n.endsWith(".txt") ? "text/plain" : "application/octet-stream";
    }
}
