package io.stagesync.sync;

import java.util.List;
import java.util.Map;

/**
 * What a mirror sync removes from the target: per model the target entries whose source is gone (or that never had
 * one), the target assets likewise, and the id map rows of source entries and assets that no longer exist.
 *
 * @param entries        target ids to delete, by model
 * @param staleEntries   source ids whose id map row goes, by model
 * @param assets         target asset ids to delete; empty when the asset phase was not part of the run
 * @param staleAssets    source asset ids whose id map row goes
 */
public record MirrorDeletions(Map<String, List<String>> entries, Map<String, List<String>> staleEntries, List<String> assets,
                              List<String> staleAssets) {

    public MirrorDeletions {
        entries = Map.copyOf(entries);
        staleEntries = Map.copyOf(staleEntries);
        assets = List.copyOf(assets);
        staleAssets = List.copyOf(staleAssets);
    }

    /** How many target entries and assets go. */
    public long count() {
        return entries.values().stream().mapToLong(List::size).sum() + assets.size();
    }
}
