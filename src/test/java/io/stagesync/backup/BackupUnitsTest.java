package io.stagesync.backup;

import io.stagesync.dialect.FieldSchema;
import io.stagesync.dialect.ModelSchema;
import io.stagesync.dialect.Reference;
import io.stagesync.dialect.SourceEntry;
import io.stagesync.dialect.StageSchema;
import io.stagesync.schema.SchemaSnapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The snapshot's building blocks without a bucket: entry lines, chunks, layout, settings, schema file. */
class BackupUnitsTest {

    @TempDir
    Path dir;

    @Test
    void should_write_an_entry_as_one_line_and_read_it_back_with_its_references_and_published_version() {
        // given
        Map<String, Object> body = Map.of("children", List.of(Map.of("type", "embed", "ref", new Reference("Article", "a1"))));
        SourceEntry published = new SourceEntry("e1", "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z", Map.of("title", "Old"),
                Map.of("de", Map.of("title", "Alt")), Map.of("author", List.of("p1")), "2026-01-02T00:00:00Z");
        SourceEntry entry = new SourceEntry("e1", "2026-01-01T00:00:00Z", "2026-01-03T00:00:00Z",
                Map.of("title", "New", "body", body, "stars", 4, "place", Map.of("latitude", 1.5, "longitude", 2.25)),
                Map.of("de", Map.of("title", "Neu")), Map.of("author", List.of("p1", "p2")), "2026-01-02T00:00:00Z", published);

        // when
        String line = EntryCodec.line(entry);
        SourceEntry back = EntryCodec.entry(line);

        // then
        assertThat(line).doesNotContain("\n");
        assertThat(back).isEqualTo(entry);
        assertThat(EntryCodec.id(line)).isEqualTo("e1");
        assertThat(Reference.collect(back.values())).containsExactly(new Reference("Article", "a1"));
    }

    @Test
    void should_keep_an_assets_localizations_and_published_locales_in_its_line_and_read_an_older_line_without_them() {
        // given
        EntryCodec.LocalizedFile de = new EntryCodec.LocalizedFile("de", "bild.png", "image/png", 7, 2.0, 3.0, Map.of("alt", "Bild"), "d".repeat(64));
        EntryCodec.AssetRecord record = new EntryCodec.AssetRecord("a1", "picture.png", "image/png", 9, 2.0, 3.0, "2026-01-02T00:00:00Z",
                Map.of("alt", "Picture", "credit", "Studio"), "e".repeat(64), "2026-01-02T00:00:00Z", List.of(de), List.of("de"));
        String older = "{\"id\":\"a2\",\"fileName\":\"x.png\",\"mimeType\":\"image/png\",\"size\":1,\"updatedAt\":\"t\","
                + "\"fields\":{},\"sha256\":\"" + "f".repeat(64) + "\",\"publishedUpdatedAt\":null}";

        // when
        EntryCodec.AssetRecord back = EntryCodec.asset(EntryCodec.line(record));
        EntryCodec.AssetRecord old = EntryCodec.asset(older);
        io.stagesync.dialect.AssetApi.SourceAsset source = back.toSource(sha -> "https://files/" + sha);

        // then
        assertThat(back).isEqualTo(record);
        assertThat(back.files()).containsExactly("e".repeat(64), "d".repeat(64));
        assertThat(back.versions().publishedLocales()).containsExactly("de");
        assertThat(source.localizations()).singleElement().satisfies(l -> {
            assertThat(l.url()).isEqualTo("https://files/" + "d".repeat(64));
            assertThat(l.fields()).isEqualTo(Map.of("alt", "Bild"));
        });
        assertThat(old.localizations()).isEmpty();
        assertThat(EntryCodec.line(old)).doesNotContain("localizations").doesNotContain("publishedLocales");
    }

    @Test
    void should_give_the_same_chunk_bytes_for_the_same_entries_and_spread_ids_over_the_buckets() throws Exception {
        // given
        List<List<ChunkWriter.LocalChunk>> runs = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            Path work = Files.createDirectories(dir.resolve("run" + run));
            ChunkWriter writer = new ChunkWriter(work, 8);
            for (int i = 0; i < 200; i++) {
                writer.add("id" + i, "{\"id\":\"id" + i + "\"}");
            }
            // when
            runs.add(writer.finish());
        }

        // then
        assertThat(runs.get(0)).hasSize(8);
        assertThat(runs.get(0).stream().mapToLong(ChunkWriter.LocalChunk::count).sum()).isEqualTo(200);
        assertThat(runs.get(0).stream().map(ChunkWriter.LocalChunk::sha256).toList())
                .isEqualTo(runs.get(1).stream().map(ChunkWriter.LocalChunk::sha256).toList());
        ChunkWriter.LocalChunk c = runs.get(0).get(3);
        try (InputStream in = new GZIPInputStream(Files.newInputStream(c.file()))) {
            String text = new String(in.readAllBytes());
            assertThat(text.lines()).hasSize((int) c.count()).allSatisfy(l -> assertThat(ChunkWriter.bucketOf(EntryCodec.id(l), 8)).isEqualTo(3));
        }
    }

    @Test
    void should_cut_a_stopped_writers_files_back_to_its_last_checkpoint_and_give_the_chunks_of_a_whole_run() throws Exception {
        // given: 120 lines of which the first 100 were checkpointed before the run stopped
        Path work = dir.resolve("resumable");
        try (ChunkWriter stopped = ChunkWriter.resumable(work, 8)) {
            for (int i = 0; i < 120; i++) {
                stopped.add("id" + i, "{\"id\":\"id" + i + "\"}");
                if (i == 99) {
                    stopped.checkpoint("c100", false, 100, 7, List.of("a warning"));
                }
            }
        }
        List<ChunkWriter.LocalChunk> whole;
        try (ChunkWriter once = new ChunkWriter(Files.createDirectories(dir.resolve("once")), 8)) {
            for (int i = 0; i < 200; i++) {
                once.add("id" + i, "{\"id\":\"id" + i + "\"}");
            }
            whole = once.finish();
        }

        // when: the next run reads on from the checkpoint
        ChunkWriter.Checkpoint at;
        List<ChunkWriter.LocalChunk> continued;
        try (ChunkWriter next = ChunkWriter.resumable(work, 8)) {
            at = next.resumed().orElseThrow();
            for (int i = 100; i < 200; i++) {
                next.add("id" + i, "{\"id\":\"id" + i + "\"}");
            }
            continued = next.finish().stream().map(c -> new ChunkWriter.LocalChunk(c.bucket(), null, c.sha256(), c.bytes(), c.count())).toList();
            next.done();
        }

        // then
        assertThat(at.cursor()).isEqualTo("c100");
        assertThat(at.count()).isEqualTo(100);
        assertThat(at.published()).isEqualTo(7);
        assertThat(at.warnings()).containsExactly("a warning");
        assertThat(continued.stream().map(ChunkWriter.LocalChunk::sha256).toList()).isEqualTo(whole.stream().map(ChunkWriter.LocalChunk::sha256).toList());
        assertThat(continued.stream().mapToLong(ChunkWriter.LocalChunk::count).sum()).isEqualTo(200);
        assertThat(work).doesNotExist();
        try (ChunkWriter other = ChunkWriter.resumable(work, 16)) {
            assertThat(other.resumed()).isEmpty();
        }
    }

    @Test
    void should_keep_the_number_of_buckets_while_the_count_stays_within_a_factor_of_two() {
        // given / when / then
        assertThat(ChunkWriter.bucketsFor(0, 1000, 0)).isEqualTo(1);
        assertThat(ChunkWriter.bucketsFor(5000, 1000, 0)).isEqualTo(8);
        assertThat(ChunkWriter.bucketsFor(5500, 1000, 8)).isEqualTo(8);
        assertThat(ChunkWriter.bucketsFor(17000, 1000, 8)).isEqualTo(32);
        assertThat(ChunkWriter.bucketsFor(10_000_000, 10, 0)).isEqualTo(512);
    }

    @Test
    void should_name_the_keys_of_a_profile_and_tell_timestamps_apart() {
        // given
        SnapshotLayout layout = new SnapshotLayout("team/", "clean-db");

        // when / then
        assertThat(layout.manifest("20261205T003015.123Z")).isEqualTo("team/profiles/clean-db/20261205T003015.123Z/manifest.json");
        assertThat(layout.chunk("20261205T003015.123Z", "Hotel", 3)).isEqualTo("team/profiles/clean-db/20261205T003015.123Z/entries/Hotel/00003.ndjson.gz");
        assertThat(layout.blob("ab12")).isEqualTo("team/blobs/ab12");
        assertThat(SnapshotLayout.isTimestamp(SnapshotLayout.timestamp(java.time.Instant.parse("2026-12-05T00:30:15.123Z"))))
                .isTrue();
        assertThat(SnapshotLayout.isTimestamp("progress")).isFalse();
    }

    @Test
    void should_read_profile_settings_and_refuse_a_bad_name_or_keep_in_one_line() {
        // given
        BackupSettings settings = BackupSettings.of("backups", "", 100, Map.of("stagesync.profiles.customer1.bucket", "c1",
                "stagesync.profiles.customer1.keep", "7", "stagesync.profiles.clean-db.prefix", "/base/"));

        // when / then
        assertThat(settings.profile("customer1")).isEqualTo(new BackupSettings.Profile("customer1", "c1", "", 7));
        assertThat(settings.profile("clean-db").prefix()).isEqualTo("base/");
        assertThat(settings.profile("other")).isEqualTo(new BackupSettings.Profile("other", "backups", "", 0));
        assertThatThrownBy(() -> settings.profile("a/b")).hasMessage("Profile name 'a/b' is not allowed: 1 to 100 letters, digits, '-' or '_'");
        assertThatThrownBy(() -> BackupSettings.of("b", "", 10, Map.of("stagesync.profiles.x.keep", "many")))
                .hasMessage("stagesync.profiles.x.keep must be a whole number of snapshots, got: many");
    }

    @Test
    void should_keep_the_described_and_the_canonical_schema_in_one_file() {
        // given
        StageSchema schema = new StageSchema("production", List.of("en", "de"), Map.of("Hotel", new ModelSchema("Hotel",
                List.of(new FieldSchema("name", FieldSchema.Kind.SCALAR, "String", false, true),
                        new FieldSchema("sections", FieldSchema.Kind.COMPONENT, "Section", true, false, List.of("Section"))),
                Set.of("slug"), true, true, true, Set.of("name"))), Map.of("Stars", Set.of("ONE")), Map.of("Section",
                List.of(new FieldSchema("heading", FieldSchema.Kind.SCALAR, "String", false, false))), List.of());
        SchemaSnapshot canonical = SchemaSnapshot.of(schema, io.stagesync.dialect.SchemaAdmin.Extras.NONE);

        // when
        SchemaFile back = SchemaFile.fromJson(new SchemaFile(schema, canonical).toJson());

        // then
        assertThat(back.describe()).isEqualTo(schema);
        assertThat(back.snapshot().hash()).isEqualTo(canonical.hash());
    }
}
