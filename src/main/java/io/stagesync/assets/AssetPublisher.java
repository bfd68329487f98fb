package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;
import io.stagesync.state.IdMapRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies the publish state of a page's assets once their files are in the target: an asset published in the source is
 * published in the target, one that is only a draft in the source is unpublished there. An asset whose published
 * version in the source is older than its draft is published in the target only when it is not published there yet
 * (the target has one version of the file to publish: the draft's). Localized assets are published in the locales
 * the source has published (Hygraph's {@code locales} argument); a locale published in the target alone is
 * unpublished by itself. An asset of a source without publish state (a Directus file) counts as published.
 */
public final class AssetPublisher {

    private static final Logger log = LoggerFactory.getLogger("stagesync.sync-assets");

    /** The versions of an asset of a source without publish state: published as it is. */
    private static final AssetApi.Versions PUBLISHED = new AssetApi.Versions("", "");

    private final AssetApi api;
    private final IdMapRepository idMap;

    public AssetPublisher(AssetApi api, IdMapRepository idMap) {
        this.api = api;
        this.idMap = idMap;
    }

    /**
     * What a page needs: target ids to publish and to unpublish, each with its source id (for the report), and per
     * target id the locales: those to publish with (the published locales of the source), and those to unpublish
     * alone (a locale published in the target, not in the source; the asset stays published).
     */
    public record Changes(Map<String, String> publish, Map<String, String> unpublish,
                          Map<String, List<String>> publishLocales, Map<String, List<String>> unpublishLocales) {

        public Changes(Map<String, String> publish, Map<String, String> unpublish) {
            this(publish, unpublish, Map.of(), Map.of());
        }

        public boolean isEmpty() {
            return publish.isEmpty() && unpublish.isEmpty() && unpublishLocales.isEmpty();
        }
    }

    /** Copies the publish state of a page's assets: {@link #changes}, then {@link #apply}. */
    public Changes copy(AssetPageReader.AssetBatch batch, String sourceStage, String targetStage, AssetTally tally, Boolean plan) {
        return apply(changes(batch, sourceStage, targetStage, tally), targetStage, tally, plan);
    }

    /**
     * Compares the publish state of the page's synced assets in both stages (one look-up per stage); assets that
     * failed in this run, or whose upload is not finished, are left out.
     */
    public Changes changes(AssetPageReader.AssetBatch batch, String sourceStage, String targetStage, AssetTally tally) {
        List<String> ids = batch.assets().stream().map(AssetApi.SourceAsset::id).filter(id -> !tally.failed(id)).toList();
        Map<String, String> targetOf = new LinkedHashMap<>();
        Map<String, IdMapRepository.Mapping> mapped = idMap.findAll(sourceStage, targetStage, AssetPlanner.MODEL, ids);
        for (String id : ids) {
            IdMapRepository.Mapping m = mapped.get(id);
            if (m != null) {
                if (AssetFileRecord.parse(m.contentHash()).map(r -> !r.pending()).orElse(true)) {
                    targetOf.put(id, m.targetId());
                }
            } else if (batch.inTarget().contains(id)) {
                targetOf.put(id, id);
            }
        }
        Map<String, String> publish = new LinkedHashMap<>();
        Map<String, String> unpublish = new LinkedHashMap<>();
        Map<String, List<String>> publishLocales = new LinkedHashMap<>();
        Map<String, List<String>> unpublishLocales = new LinkedHashMap<>();
        if (targetOf.isEmpty()) {
            return new Changes(publish, unpublish);
        }
        // a source whose assets have no publish state (Directus) serves each once stored: it counts as published
        boolean stateless = !api.publishesAssets(sourceStage);
        Map<String, AssetApi.Versions> source = stateless ? Map.of() : api.versions(sourceStage, List.copyOf(targetOf.keySet()));
        Map<String, AssetApi.Versions> target = api.versions(targetStage, List.copyOf(targetOf.values()));
        targetOf.forEach((sourceId, targetId) -> {
            AssetApi.Versions s = stateless ? PUBLISHED : source.get(sourceId);
            AssetApi.Versions t = target.get(targetId);
            if (s == null || t == null) {
                return;
            }
            if (s.published() && (!t.published() || s.publishedCurrent() && !t.publishedCurrent()
                    || !t.publishedLocales().containsAll(s.publishedLocales()))) {
                publish.put(targetId, sourceId);
                publishLocales.put(targetId, List.copyOf(new java.util.TreeSet<>(s.publishedLocales())));
            } else if (!s.published() && t.published()) {
                unpublish.put(targetId, sourceId);
            }
            if (s.published() && t.published() && !s.publishedLocales().isEmpty()) {
                List<String> extra = t.publishedLocales().stream().filter(l -> !s.publishedLocales().contains(l)).sorted().toList();
                if (!extra.isEmpty()) {
                    unpublishLocales.put(targetId, extra);
                }
            }
        });
        return new Changes(publish, unpublish, publishLocales, unpublishLocales);
    }

    /** Publishes and unpublishes what {@link #changes} found, one call each; nothing is written in a plan. */
    public Changes apply(Changes changes, String targetStage, AssetTally tally, Boolean plan) {
        if (!Boolean.TRUE.equals(plan) && !changes.isEmpty()) {
            // one call per set of locales: assets published in the same locales go together
            byLocales(changes.publish().keySet(), changes.publishLocales())
                    .forEach((locales, ids) -> api.publish(targetStage, ids, true, locales));
            api.publish(targetStage, List.copyOf(changes.unpublish().keySet()), false);
            byLocales(changes.unpublishLocales().keySet(), changes.unpublishLocales())
                    .forEach((locales, ids) -> api.publish(targetStage, ids, false, locales));
            log.info("Asset publish state copied target={} published={} unpublished={} localesUnpublished={}", targetStage,
                    changes.publish().size(), changes.unpublish().size(), changes.unpublishLocales().size());
        }
        tally.publishState(changes.publish().size(), changes.unpublish().size() + changes.unpublishLocales().size());
        return changes;
    }

    private static Map<List<String>, List<String>> byLocales(java.util.Collection<String> ids, Map<String, List<String>> locales) {
        Map<List<String>, List<String>> groups = new LinkedHashMap<>();
        ids.forEach(id -> groups.computeIfAbsent(locales.getOrDefault(id, List.of()), k -> new java.util.ArrayList<>()).add(id));
        return groups;
    }

    /**
     * Records the page's assets (those not failed otherwise) as not having their publish state checked or copied,
     * with the reason; the next run copies it.
     */
    public void failed(AssetPageReader.AssetBatch batch, String reason, AssetTally tally) {
        batch.assets().stream().map(AssetApi.SourceAsset::id).filter(id -> !tally.failed(id))
                .forEach(id -> tally.publishFailed(id, "publish state not copied: " + reason));
    }
}
