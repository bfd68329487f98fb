package io.stagesync.sync;

import io.stagesync.testing.DevstageExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relations phase: a schema whose relations form a cycle is synced with the cycle's links written by a second
 * {@code set:} pass, to-many order kept, and a rerun writes nothing.
 */
class SyncRelationsRouteTest {

    static final String CYCLE = """
            { "locales": ["en"], "enumerations": [], "models": [
              { "apiId": "Author", "apiIdPlural": "Authors", "fields": [
                { "apiId": "name", "type": "STRING", "required": true },
                { "apiId": "favourite", "type": "RELATION", "model": "Book", "reverseField": { "apiId": "favouritedBy", "list": true } } ] },
              { "apiId": "Book", "apiIdPlural": "Books", "fields": [
                { "apiId": "title", "type": "STRING", "required": true },
                { "apiId": "author", "type": "RELATION", "model": "Author", "reverseField": { "apiId": "books", "list": true } } ] } ] }
            """;

    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty().with(s -> s.environment("library", CYCLE).environment("copy", CYCLE));

    @TempDir
    Path dir;

    @Test
    void should_write_cycle_links_in_a_second_pass_keeping_order_and_rerun_without_writes() throws Exception {
        // given
        List<String> authors = new ArrayList<>();
        for (String name : List.of("Ann", "Bob")) {
            authors.add(create("createAuthor(data: { name: \"" + name + "\" }) { id }"));
        }
        List<String> books = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            books.add(create("createBook(data: { title: \"Book " + i + "\", author: { connect: { id: \"" + authors.get(i % 2) + "\" } } }) { id }"));
        }
        create("updateAuthor(where: { id: \"" + authors.get(0) + "\" }, data: { favourite: { connect: { id: \"" + books.get(3)
                + "\" } }, books: { set: [{ id: \"" + books.get(2) + "\" }, { id: \"" + books.get(0) + "\" }] } }) { id }");
        Map<String, Object> expected = read("library", Map.of());

        try (SyncHarness h = SyncHarness.start(devstage, dir, Map.of())) {
            // when
            SyncResult first = h.sync("library", "copy", false, false, SyncProgress.NONE);
            long writes = devstage.stats("copy").writes();
            SyncResult rerun = h.sync("library", "copy", false, false, SyncProgress.NONE);

            // then
            assertThat(first.status()).as("report %s", first.report()).isEqualTo("SUCCEEDED");
            assertThat(SyncAcceptanceTest.models(first).get("Author").get("relationsWritten")).isEqualTo(2L);
            assertThat(read("copy", StageSnapshot.reverseIdMap(h.dataSource(), "library", "copy"))).isEqualTo(expected);
            assertThat(rerun.status()).isEqualTo("SUCCEEDED");
            assertThat(devstage.stats("copy").writes()).isEqualTo(writes);
        }
    }

    static String create(String mutation) throws Exception {
        var r = devstage.client().post(devstage.contentApiUrl("library"), "mutation { m: " + mutation + " }");
        assertThat(r.errors()).isEmpty();
        return (String) r.data("m").get("id");
    }

    /** Authors and books with their links, ids translated through the id map (identity for the source). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String env, Map<String, String> toSource) throws Exception {
        var r = devstage.client().post(devstage.contentApiUrl(env), "{ authors(stage: DRAFT, first: 100) { id name favourite { id } "
                + "books(first: 100) { id } } books(stage: DRAFT, first: 100) { id title author { id } favouritedBy(first: 100) { id } } }");
        assertThat(r.errors()).isEmpty();
        Map<String, Object> out = new LinkedHashMap<>();
        for (String list : List.of("authors", "books")) {
            for (Object o : (List<Object>) ((Map<String, Object>) r.json().get("data")).get(list)) {
                Map<String, Object> e = new LinkedHashMap<>((Map<String, Object>) o);
                e.replaceAll((k, v) -> translate(v, toSource));
                out.put((String) e.get("id"), e);
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static Object translate(Object v, Map<String, String> toSource) {
        if (v instanceof String s) {
            return toSource.getOrDefault(s, s);
        }
        if (v instanceof Map<?, ?> m) {
            return Map.of("id", toSource.getOrDefault((String) m.get("id"), (String) m.get("id")));
        }
        if (v instanceof List<?> l) {
            return l.stream().map(x -> translate(x, toSource)).toList();
        }
        return v;
    }
}
