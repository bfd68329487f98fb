package io.stagesync.assets;

import io.stagesync.dialect.AssetApi;

import io.stagesync.state.IdMapRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Writes one planned asset into the target: creates it with its file, or updates its metadata and re-uploads its
 * file only when the bytes changed (size, then SHA-256); records the outcome in the id map.
 */
public final class AssetWriter {

    private static final Logger log = LoggerFactory.getLogger(AssetWriter.class);

    /** The id map's model for create intents: source asset id to the time the create was about to be sent. */
    static final String INTENT_MODEL = "Asset#intent";
    /** How far the clocks of stage and sync may differ when looking for the target assets an intent left behind. */
    static final java.time.Duration INTENT_WINDOW = java.time.Duration.ofMinutes(2);
    /** Runs when a create has answered, before its id is recorded: tests make it fail to stand for a crash there. */
    static volatile Runnable afterCreateAnswered = () -> { };

    private final AssetApi api;
    private final IdMapRepository idMap;
    private final AssetFileMovers movers;
    private final SourceFileReader reader;
    private final TransferSlots slots;

    public AssetWriter(AssetApi api, IdMapRepository idMap, AssetFileMovers movers, SourceFileReader reader, TransferSlots slots) {
        this.api = api;
        this.idMap = idMap;
        this.movers = movers;
        this.reader = reader;
        this.slots = slots;
    }

    public AssetOutcome create(AssetPlan planned, AssetTally tally) {
        AssetPlan plan = forTarget(planned);
        AssetApi.SourceAsset asset = plan.asset();
        // a redelivery after the target assigned an id must re-upload into that asset, not create a second one
        Optional<IdMapRepository.Mapping> earlier = idMap.find(plan.sourceStage(), plan.targetStage(), AssetPlanner.MODEL, asset.id());
        if (earlier.isEmpty()) {
            removeHalfMade(plan);
        }
        if (earlier.isPresent()) {
            return update(new AssetPlan(AssetPlan.UPDATE, asset, plan.sourceStage(), plan.targetStage(), earlier.get().targetId(),
                    AssetFileRecord.parse(earlier.get().contentHash()).orElse(null), plan.contentHash(), plan.messageId()), tally);
        }
        return createNew(plan, tally);
    }

    private AssetOutcome createNew(AssetPlan plan, AssetTally tally) {
        AssetApi.SourceAsset asset = plan.asset();
        String[] created = new String[1];
        AssetFileMover.Moved moved;
        // the intent is recorded before the create is sent: a crash before the created id is recorded leaves it for the
        // rerun, which then removes what the stage created meanwhile instead of keeping a second, empty copy
        idMap.save(plan.sourceStage(), plan.targetStage(), new IdMapRepository.Mapping(INTENT_MODEL, asset.id(), asset.id(),
                Long.toString(System.currentTimeMillis())));
        try {
            moved = movers.forStage(plan.targetStage()).create(plan.targetStage(), asset, transferKey(plan), fields(asset), id -> {
                afterCreateAnswered.run();
                created[0] = id;
                save(plan, id, new AssetFileRecord(AssetFileRecord.PENDING, "-", -1));
                idMap.delete(plan.sourceStage(), plan.targetStage(), INTENT_MODEL, asset.id());
            }, tally::addBytes);
        } catch (SourceFileUnavailableException e) {
            if (created[0] != null) {
                discard(plan, created[0]);
            }
            throw e;
        }
        long localized = copyLocalizations(plan, moved.targetId(), true, tally);
        save(plan, moved.targetId(), new AssetFileRecord(plan.contentHash(), moved.sha256(), moved.size()));
        log.debug("Asset created sourceId={} targetId={} bytes={}", asset.id(), moved.targetId(), moved.size());
        return new AssetOutcome(asset.id(), AssetOutcome.CREATED, moved.targetId(), moved.size() + Math.max(0, localized), null);
    }

    /**
     * Removes what an earlier attempt's create left unrecorded: when an intent of this asset is recorded, the target
     * assets of its file name that the stage created since the intent (less {@link #INTENT_WINDOW} for clocks that
     * differ), and that no source asset is mapped to, were made by that attempt (a crash or an ambiguous failure came
     * before their id was saved). The upper bound is now: a large file may take long to stage before its create.
     */
    private void removeHalfMade(AssetPlan plan) {
        Optional<IdMapRepository.Mapping> intent = idMap.find(plan.sourceStage(), plan.targetStage(), INTENT_MODEL, plan.asset().id());
        if (intent.isEmpty()) {
            return;
        }
        java.time.Instant at = java.time.Instant.ofEpochMilli(Long.parseLong(intent.get().contentHash()));
        List<AssetApi.TargetAsset> found = api.createdBetween(plan.targetStage(), plan.asset().fileName(),
                at.minus(INTENT_WINDOW), java.time.Instant.now().plus(INTENT_WINDOW));
        if (!found.isEmpty()) {
            Set<String> mapped = new HashSet<>();
            idMap.findModel(plan.sourceStage(), plan.targetStage(), AssetPlanner.MODEL).values().forEach(m -> mapped.add(m.targetId()));
            for (AssetApi.TargetAsset half : found) {
                if (!mapped.contains(half.id())) {
                    api.delete(plan.targetStage(), half.id());
                    log.info("Removed a target asset an interrupted create left unrecorded sourceId={} targetId={} status={}",
                            plan.asset().id(), half.id(), half.status());
                }
            }
        }
        idMap.delete(plan.sourceStage(), plan.targetStage(), INTENT_MODEL, plan.asset().id());
    }

    /** Removes a target asset created for a source file that is missing for good, so the target keeps no empty asset. */
    private void discard(AssetPlan plan, String targetId) {
        try {
            api.delete(plan.targetStage(), targetId);
            idMap.delete(plan.sourceStage(), plan.targetStage(), AssetPlanner.MODEL, plan.asset().id());
            log.debug("Target asset removed, its source file is missing sourceId={} targetId={}", plan.asset().id(), targetId);
        } catch (RuntimeException e) {
            // the pending mapping stays: a rerun uploads into that asset once the source file is back
            log.warn("Removing the target asset of a missing source file failed sourceId={} targetId={} reason={}",
                    plan.asset().id(), targetId, e.getMessage());
        }
    }

    public AssetOutcome update(AssetPlan planned, AssetTally tally) {
        AssetPlan plan = forTarget(planned);
        AssetOutcome done = updateExisting(plan, tally);
        // finishing an asset whose create was under way (a redelivery, a rerun after a crash) is its creation
        return plan.record() != null && plan.record().pending() && !AssetOutcome.CREATED.equals(done.result())
                ? new AssetOutcome(done.sourceId(), AssetOutcome.CREATED, done.targetId(), done.bytes(), null) : done;
    }

    private AssetOutcome updateExisting(AssetPlan plan, AssetTally tally) {
        AssetApi.SourceAsset asset = plan.asset();
        Optional<AssetApi.TargetAsset> found = api.find(plan.targetStage(), plan.targetId());
        if (found.isEmpty()) {
            log.warn("Mapped target asset is gone, creating it again sourceId={} targetId={}", asset.id(), plan.targetId());
            return createNew(new AssetPlan(AssetPlan.CREATE, asset, plan.sourceStage(), plan.targetStage(), null, null,
                    plan.contentHash(), plan.messageId()), tally);
        }
        AssetApi.TargetAsset target = found.get();
        boolean metadataChanged = !Objects.equals(target.fileName(), asset.fileName()) || !sameFields(target.fields(), fields(asset));
        if (metadataChanged) {
            api.updateMetadata(plan.targetStage(), target.id(), asset.fileName(), fields(asset));
        }
        String sha = knownSha(plan, target);
        if (sha == null) {
            AssetFileMover.Moved moved = movers.forStage(plan.targetStage())
                    .reupload(plan.targetStage(), target.id(), asset, transferKey(plan), tally::addBytes);
            long localized = copyLocalizations(plan, target.id(), false, tally);
            save(plan, target.id(), new AssetFileRecord(plan.contentHash(), moved.sha256(), moved.size()));
            log.debug("Asset re-uploaded sourceId={} targetId={} bytes={}", asset.id(), target.id(), moved.size());
            return new AssetOutcome(asset.id(), AssetOutcome.REUPLOADED, target.id(), moved.size() + Math.max(0, localized), null);
        }
        long localized = copyLocalizations(plan, target.id(), false, tally);
        save(plan, target.id(), new AssetFileRecord(plan.contentHash(), sha, asset.size()));
        String result = localized > 0 ? AssetOutcome.REUPLOADED
                : metadataChanged || localized == 0 ? AssetOutcome.UPDATED : AssetOutcome.UNCHANGED;
        return new AssetOutcome(asset.id(), result, target.id(), Math.max(0, localized), null);
    }

    /**
     * Makes the target asset's localizations (other than the default locale) those of the source: a missing one is
     * created with its file, one whose file differs (size, then SHA-256 of both files) gets the source's file, one
     * whose file name or localized fields differ is updated, and one the source lacks is deleted. Returns the bytes
     * moved, 0 when only metadata was written, -1 when nothing was written. A new target asset without source
     * localizations needs no look-up at all. A target stage whose assets keep no localizations gets the default
     * locale's file alone: the other locales are named in the run's warnings.
     */
    private long copyLocalizations(AssetPlan plan, String targetId, boolean created, AssetTally tally) {
        AssetApi.SourceAsset asset = plan.asset();
        if (created && asset.localizations().isEmpty()) {
            return -1;
        }
        try {
            return copyEachLocalization(plan, targetId, created, tally);
        } catch (AssetApi.NoAssetLocalizationsException e) {
            tally.warn("Asset " + asset.id() + " (" + asset.fileName() + "): its localizations "
                    + asset.localizations().stream().map(AssetApi.Localization::locale).toList() + " are not copied: " + e.getMessage());
            return -1;
        }
    }

    private long copyEachLocalization(AssetPlan plan, String targetId, boolean created, AssetTally tally) {
        AssetApi.SourceAsset asset = plan.asset();
        Map<String, AssetApi.TargetAsset> target = created ? Map.of() : api.localizations(plan.targetStage(), targetId);
        long bytes = -1;
        for (AssetApi.Localization l : asset.localizations()) {
            AssetApi.TargetAsset t = target.get(l.locale());
            AssetApi.SourceAsset file = asset.file(l);
            String key = AssetHasher.sha256(plan.sourceStage() + "\u0000" + asset.id() + "\u0000" + l.locale() + "\u0000" + plan.contentHash());
            boolean sameFile = t != null && !t.pending() && t.error() == null && t.size() != null && t.size() == l.size()
                    && t.url() != null && sha256Of(l.url()).equals(sha256Of(t.url()));
            if (!sameFile) {
                AssetFileMover.Moved moved = movers.forStage(plan.targetStage())
                        .uploadLocalization(plan.targetStage(), targetId, l.locale(), t == null, file, key, tally::addBytes);
                bytes = Math.max(bytes, 0) + moved.size();
            } else if (!Objects.equals(t.fileName(), l.fileName()) || !sameFields(t.fields(), fields(file))) {
                api.updateLocalization(plan.targetStage(), targetId, l.locale(), l.fileName(), fields(file));
                bytes = Math.max(bytes, 0);
            }
        }
        Set<String> wanted = new HashSet<>();
        asset.localizations().forEach(l -> wanted.add(l.locale()));
        List<String> extra = target.keySet().stream().filter(l -> !wanted.contains(l)).toList();
        if (!extra.isEmpty()) {
            api.deleteLocalizations(plan.targetStage(), targetId, extra);
            bytes = Math.max(bytes, 0);
        }
        return bytes;
    }

    /** The SHA-256 the target's file already has when it equals the source's, or null when the bytes must move. */
    private String knownSha(AssetPlan plan, AssetApi.TargetAsset target) {
        AssetApi.SourceAsset asset = plan.asset();
        AssetFileRecord record = plan.record();
        if (target.pending() || target.error() != null) {
            return null;
        }
        if (record != null && !record.pending()) {
            if (record.size() != asset.size()) {
                return null;
            }
            if (record.contentHash().equals(plan.contentHash())) {
                return record.sha256();
            }
            String sourceSha = sha256Of(asset.url());
            return sourceSha.equals(record.sha256()) ? sourceSha : null;
        }
        // nothing recorded (a cloned environment, or an upload cut short): compare the two files themselves
        if (target.size() != null && target.size() != asset.size()) {
            return null;
        }
        String sourceSha = sha256Of(asset.url());
        return target.url() != null && sourceSha.equals(sha256Of(target.url())) ? sourceSha : null;
    }

    private String sha256Of(String url) {
        return slots.run(() -> {
            try (SourceFile file = reader.open(url, null)) {
                return file.stream().drain();
            } catch (java.io.IOException e) {
                throw new AssetTransientException("reading a file to compare checksums failed url=" + HttpStatusFailures.stripQuery(url), e);
            }
        });
    }

    private void save(AssetPlan plan, String targetId, AssetFileRecord record) {
        idMap.save(plan.sourceStage(), plan.targetStage(),
                new IdMapRepository.Mapping(AssetPlanner.MODEL, plan.asset().id(), targetId, record.format()));
    }

    private static String transferKey(AssetPlan plan) {
        return AssetHasher.sha256(plan.sourceStage() + "\u0000" + plan.asset().id() + "\u0000" + plan.contentHash());
    }

    private static Map<String, Object> fields(AssetApi.SourceAsset asset) {
        return asset.fields() == null ? Map.of() : asset.fields();
    }

    /** Equal fields, a field without a value counting as absent (a stage may answer either for an empty field). */
    private static boolean sameFields(Map<String, Object> a, Map<String, Object> b) {
        return Objects.equals(where(a, (k, v) -> v != null), where(b, (k, v) -> v != null));
    }

    /** The entries of {@code fields} (none when null) that {@code keep} accepts, in their order. */
    private static Map<String, Object> where(Map<String, Object> fields, java.util.function.BiPredicate<String, Object> keep) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        if (fields != null) {
            fields.forEach((k, v) -> {
                if (keep.test(k, v)) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }

    /**
     * The plan with the asset as the target takes it: the fields the target copies ({@link AssetApi#copiedFields}),
     * each with the source's value or null (of a localization, those it has: its localized fields); unchanged when the
     * target takes whatever the source sends. The fields left out are named once per run in its warnings (the sync
     * service).
     */
    private AssetPlan forTarget(AssetPlan plan) {
        List<String> taken = api.copiedFields(plan.targetStage());
        if (taken == null) {
            return plan;
        }
        AssetApi.SourceAsset a = plan.asset();
        List<AssetApi.Localization> localizations = a.localizations().stream().map(l -> new AssetApi.Localization(l.locale(), l.fileName(),
                l.mimeType(), l.size(), l.width(), l.height(), l.url(), where(l.fields(), (k, v) -> taken.contains(k)))).toList();
        AssetApi.SourceAsset asset = new AssetApi.SourceAsset(a.id(), a.fileName(), a.mimeType(), a.size(), a.width(), a.height(),
                a.updatedAt(), a.url(), only(taken, a.fields()), localizations);
        return new AssetPlan(plan.action(), asset, plan.sourceStage(), plan.targetStage(), plan.targetId(), plan.record(),
                plan.contentHash(), plan.messageId());
    }

    private static Map<String, Object> only(List<String> taken, Map<String, Object> fields) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        taken.forEach(f -> out.put(f, fields == null ? null : fields.get(f)));
        return out;
    }

}
