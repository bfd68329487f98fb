package io.stagesync.assets;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Localized assets over HTTP (devstage): every locale's file and file name is copied, with the publish state per
 * locale; a rerun writes nothing; a changed, renamed or deleted localization in the source is changed, renamed or
 * deleted in the target.
 */
class SyncAssetsLocalizationTest extends AssetRouteTestSupport {

    @Test
    void should_copy_every_locale_of_an_asset_with_its_publish_state_and_follow_changes_of_a_localization() throws Exception {
        // given: a with a German file, published in both locales; b with a German file, published in en only
        String a = fixtures.create(source, "a.bin", new GeneratedInputStream(31, 12_000), 12_000);
        fixtures.localize(source, a, "de", true, "a-de.bin", new GeneratedInputStream(32, 7_000), 7_000);
        String b = fixtures.create(source, "b.txt", bytes("english text"), 12);
        fixtures.localize(source, b, "de", true, "b-de.txt", bytes("deutscher Text"), 14);
        fixtures.publish(source, a, List.of("de"));
        fixtures.publish(source, b, List.of());

        // when
        Map<String, Object> first = sync(source);
        Map<String, Object> rerun = sync(source);

        // then
        assertThat(first).containsEntry("created", 2L).containsEntry("published", 2L).containsEntry("failed", 0L);
        assertLocalesAsInSource(a, b);
        assertThat(fixtures.find(target, "PUBLISHED", targetOf(b), "de")).as("b published in de").isNull();
        assertThat(fixtures.find(target, "DRAFT", targetOf(b), "de")).as("b in draft in de").isNotNull();
        assertThat(rerun).containsEntry("created", 0L).containsEntry("updated", 0L).containsEntry("reuploaded", 0L)
                .containsEntry("published", 0L).containsEntry("unpublished", 0L).containsEntry("bytes", 0L);

        // when: a's German file changes, b's German file is renamed and published, then a loses its German localization (and is published again without it)
        fixtures.localize(source, a, "de", false, "a-de.bin", new GeneratedInputStream(33, 9_000), 9_000);
        fixtures.renameLocalization(source, b, "de", "b-neu.txt");
        fixtures.publish(source, b, List.of("de"));
        Map<String, Object> changed = sync(source);
        assertLocalesAsInSource(a, b);
        fixtures.deleteLocalization(source, a, "de");
        fixtures.publish(source, a, List.of("de"));
        Map<String, Object> deleted = sync(source);

        // then
        assertThat(changed).containsEntry("reuploaded", 1L).containsEntry("updated", 1L).containsEntry("failed", 0L);
        assertThat(fixtures.find(target, "PUBLISHED", targetOf(b), "de")).as("b published in de").isNotNull();
        assertThat(deleted).containsEntry("failed", 0L);
        assertThat(fixtures.find(target, "DRAFT", targetOf(a), "de")).as("a's German localization").isNull();
        assertLocalesAsInSource(a, b);
    }

    private String targetOf(String sourceId) {
        return idMap().find(source, target, "Asset", sourceId).orElseThrow().targetId();
    }

    /** Each asset in each stage and locale: present in the target exactly when in the source, with equal metadata and bytes. */
    private void assertLocalesAsInSource(String... ids) throws Exception {
        for (String id : ids) {
            for (String stage : List.of("DRAFT", "PUBLISHED")) {
                for (String locale : List.of("en", "de")) {
                    Map<String, Object> s = fixtures.find(source, stage, id, locale);
                    Map<String, Object> t = fixtures.find(target, stage, targetOf(id), locale);
                    String what = stage + " " + locale + " of " + id;
                    if (s == null) {
                        assertThat(t).as(what).isNull();
                        continue;
                    }
                    assertThat(t).as(what).isNotNull();
                    for (String field : List.of("locale", "fileName", "mimeType", "size")) {
                        assertThat(t.get(field)).as("%s of %s", field, what).isEqualTo(s.get(field));
                    }
                    assertThat(fixtures.sha256((String) t.get("url"))).as("bytes of %s", what)
                            .isEqualTo(fixtures.sha256((String) s.get("url")));
                }
            }
        }
    }
}
