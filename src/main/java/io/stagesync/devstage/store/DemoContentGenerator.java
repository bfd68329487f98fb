package io.stagesync.devstage.store;

import io.stagesync.devstage.AssetFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deterministic demo content for the demo model: N hotels, N/10 destinations, 3N reviews and N/5 assets with files,
 * German localizations for most entries, about 70% published and some published entries edited afterwards.
 */
public final class DemoContentGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(DemoContentGenerator.class);
    private static final long SEED = 20240101L;
    private static final long BASE_TIME = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String[] COUNTRIES = {"Germany", "Italy", "Spain", "Portugal", "Greece", "Norway", "Japan", "Chile"};
    private static final String[] CATEGORIES = {"BUDGET", "MIDRANGE", "LUXURY"};
    private static final String[][] FILE_TYPES = {{"image/png", "png"}, {"image/jpeg", "jpg"}, {"application/pdf", "pdf"}, {"text/plain", "txt"}};

    private final EnvironmentStore store;
    private final AssetFiles files;
    private final int size;
    private final Random random = new Random(SEED);
    private final AtomicLong tick = new AtomicLong();
    private final IdGenerator ids = new IdGenerator(() -> BASE_TIME + tick.get() * 1000, new Random(SEED));
    private final List<Document> drafts = new ArrayList<>();
    private final Map<String, Boolean> published = new LinkedHashMap<>();

    public DemoContentGenerator(EnvironmentStore store, AssetFiles files, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("Demo size must be at least 1, got " + size);
        }
        this.store = store;
        this.files = files;
        this.size = size;
    }

    public void generate() {
        long started = System.nanoTime();
        List<Document> assets = new ArrayList<>();
        List<Callable<Void>> uploads = new ArrayList<>();
        for (int i = 0; i < Math.max(1, size / 5); i++) {
            assets.add(asset(i, uploads));
        }
        storeFiles(uploads);
        long filesDone = System.nanoTime();
        List<Document> destinations = new ArrayList<>();
        for (int i = 0; i < Math.max(1, size / 10); i++) {
            Document d = entry("Destination", "Destination " + (i + 1), "Reiseziel " + (i + 1), "name");
            d.values.put("slug", "destination-" + (i + 1));
            d.values.put("country", COUNTRIES[i % COUNTRIES.length]);
            link(d, "heroImage", assets.get(i % assets.size()), "heroImageDestination");
            destinations.add(d);
        }
        List<Document> hotels = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Document h = entry("Hotel", "Hotel " + (i + 1), "Hotel " + (i + 1) + " (Haus)", "name");
            h.values.put("slug", "hotel-" + (i + 1));
            h.values.put("category", CATEGORIES[random.nextInt(CATEGORIES.length)]);
            if (random.nextInt(10) > 0) {
                h.values.put("stars", 1 + random.nextInt(5));
            }
            link(h, "destination", destinations.get(i % destinations.size()), "hotels");
            link(h, "image", assets.get(random.nextInt(assets.size())), "imageHotel");
            int gallery = random.nextInt(4);
            for (int g = 0; g < gallery; g++) {
                link(h, "gallery", assets.get(random.nextInt(assets.size())), "galleryHotel");
            }
            hotels.add(h);
        }
        for (int i = 0; i < size * 3; i++) {
            Document r = entry("Review", "Review " + (i + 1), "Bewertung " + (i + 1), "title");
            r.values.put("rating", 1 + random.nextInt(5));
            r.values.put("submittedAt", TIME.format(Instant.ofEpochMilli(BASE_TIME + 86_400_000L * (i % 365))));
            link(r, "hotel", hotels.get(i / 3), "reviews");
        }
        storeDrafts(true);
        LOG.info("Demo content generated environment={} hotels={} destinations={} reviews={} assets={} filesMs={} entriesMs={}",
                store.name(), hotels.size(), destinations.size(), size * 3, assets.size(),
                (filesDone - started) / 1_000_000, (System.nanoTime() - filesDone) / 1_000_000);
    }

    /**
     * Only assets, for demo schemas whose entries are written through the API: {@code count} assets with files,
     * about 70% published. Returns their ids in creation order.
     */
    public List<String> seedAssets(int count) {
        return seedAssets(count, null);
    }

    /**
     * Like {@link #seedAssets(int)}; with {@code locale}, every third asset from the second on also has that
     * localization, with a file of its own ({@code demo-<n>-<locale>.<ext>}, other bytes and size), as Hygraph keeps
     * a file per locale of an asset. A published asset is published in all its locales.
     */
    public List<String> seedAssets(int count, String locale) {
        List<Callable<Void>> uploads = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Document d = asset(i, uploads);
            if (locale != null && i % 3 == 1) {
                localizedFile(d, i, locale, uploads);
            }
            ids.add(d.id);
        }
        storeFiles(uploads);
        storeDrafts(false);
        drafts.clear();
        return ids;
    }

    /** Stores the generated documents in one transaction: published ones in both stages, some edited afterwards. */
    private void storeDrafts(boolean editSome) {
        store.transaction(() -> {
            for (Document d : drafts) {
                if (published.get(d.id)) {
                    Document p = d.copy();
                    p.publishedAt = time();
                    store.put(EnvironmentStore.PUBLISHED, p);
                    if (editSome && random.nextInt(10) == 0 && !d.model.equals("Asset")) {
                        d.updatedAt = time();
                        d.localized.get("en").replaceAll((k, v) -> v + " (edited)");
                    }
                }
                store.put(EnvironmentStore.DRAFT, d);
            }
            return null;
        });
    }

    private Document entry(String model, String name, String german, String field) {
        Document d = new Document(nextId(), model, time());
        d.localized.put("en", new LinkedHashMap<>(Map.of(field, name)));
        if (random.nextInt(10) < 8) {
            d.localized.put("de", new LinkedHashMap<>(Map.of(field, german)));
        }
        published.put(d.id, random.nextInt(10) < 7);
        drafts.add(d);
        return d;
    }

    /** Stores the asset files, four at a time (each file's bytes depend only on its index, so order does not matter). */
    private void storeFiles(List<Callable<Void>> uploads) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Void> f : pool.invokeAll(uploads)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Demo asset upload interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Demo asset upload failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private Document asset(int i, List<Callable<Void>> uploads) {
        String[] type = FILE_TYPES[i % FILE_TYPES.length];
        int length = i == 0 ? 0 : i % 10 == 5 ? 100_000 + random.nextInt(200_000) : 200 + random.nextInt(20_000);
        Document d = new Document(nextId(), "Asset", time());
        String fileName = "demo-" + (i + 1) + "." + type[1];
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("handle", d.id);
        file.put("fileName", fileName);
        file.put("mimeType", type[0]);
        file.put("size", (double) length);
        uploads.add(() -> {
            byte[] bytes = content(type[0], length, new Random(SEED + i));
            files.put(store.name(), d.id, fileName, new ByteArrayInputStream(bytes), bytes.length);
            return null;
        });
        Map<String, Object> upload = new LinkedHashMap<>();
        upload.put("status", "ASSET_UPLOAD_COMPLETE");
        upload.put("expiresAt", null);
        upload.put("requestPostData", null);
        upload.put("error", null);
        file.put("upload", upload);
        d.localized.put("en", file);
        published.put(d.id, random.nextInt(10) < 7);
        drafts.add(d);
        return d;
    }

    private void localizedFile(Document d, int i, String locale, List<Callable<Void>> uploads) {
        Map<String, Object> file = new LinkedHashMap<>(d.localized.get("en"));
        String[] type = FILE_TYPES[i % FILE_TYPES.length];
        int length = 100 + i * 31;
        String fileName = "demo-" + (i + 1) + "-" + locale + "." + type[1];
        String key = store.schema().assetFileKey(d.id, locale);
        file.put("handle", key);
        file.put("fileName", fileName);
        file.put("size", (double) length);
        d.localized.put(locale, file);
        uploads.add(() -> {
            byte[] bytes = content(type[0], length, new Random(SEED * 31 + i));
            files.put(store.name(), key, fileName, new ByteArrayInputStream(bytes), bytes.length);
            return null;
        });
    }

    private static byte[] content(String mimeType, int length, Random r) {
        byte[] bytes = new byte[length];
        if (mimeType.equals("text/plain")) {
            byte[] line = "StageSync demo asset text line.\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < length; i++) {
                bytes[i] = line[i % line.length];
            }
            return bytes;
        }
        r.nextBytes(bytes);
        byte[] header = switch (mimeType) {
            case "image/png" -> new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
            case "image/jpeg" -> new byte[]{(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0};
            default -> "%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII);
        };
        System.arraycopy(header, 0, bytes, 0, Math.min(header.length, length));
        return bytes;
    }

    private static void link(Document from, String field, Document to, String reverse) {
        List<String> links = from.links(field);
        if (!links.contains(to.id)) {
            links.add(to.id);
            from.setLinks(field, links);
            List<String> back = to.links(reverse);
            back.add(from.id);
            to.setLinks(reverse, back);
        }
    }

    private String nextId() {
        tick.incrementAndGet();
        return ids.next();
    }

    private String time() {
        return TIME.format(Instant.ofEpochMilli(BASE_TIME + tick.get() * 1000));
    }
}
