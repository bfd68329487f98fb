package io.stagesync.backup;

import java.util.List;
import java.util.Map;

/**
 * What one backup did: the snapshot it completed, the counts per model (all, published), the assets and their
 * files, what it uploaded (objects and bytes: changed chunks, new asset files, schema, markers, manifest) and what it
 * found unchanged since the previous snapshot, and the warnings (what it could not copy).
 *
 * @param resumed true when it continued an earlier backup of the stage that had stopped before its manifest
 * @param continued per model (and {@code Asset}) the entries that stopped backup had read, taken from its local files
 *                  instead of being read again (models it had finished are not in it: they were not touched at all)
 */
public record BackupResult(String profile, String snapshot, String sourceStage, boolean resumed, Map<String, Long> continued,
                           Map<String, Long> entries,
                           long assets, long uploadedObjects, long uploadedBytes, long chunksWritten, long chunksReused,
                           long filesUploaded, long filesReused, List<String> warnings, long durationMs) {
}
