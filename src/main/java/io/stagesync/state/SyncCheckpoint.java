package io.stagesync.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a run has got to in one phase and model, saved after every write of a page succeeded.
 *
 * @param version        the format version (1)
 * @param sourceStage    the stage read
 * @param targetStage    the stage written
 * @param phase          the phase ({@code entries})
 * @param model          the model
 * @param cursor         the source's {@code endCursor} of the last finished page, null before the first
 * @param watermark      the {@code updatedAt_gt} lower bound this pass reads from, null for a full read
 * @param windowEnd      the source's highest {@code updatedAt} when this pass began: the next run's watermark
 *                       (anything changed during the pass is newer, so it is read again next time)
 * @param pages          pages finished
 * @param failed         items that failed in this pass so far (the watermark only moves when none did)
 * @param done           true once the last page is finished
 */
public record SyncCheckpoint(int version, String sourceStage, String targetStage, String phase, String model,
                             String cursor, String watermark, String windowEnd, long pages, long failed,
                             boolean done) {

    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    public static SyncCheckpoint start(String source, String target, String phase, String model, String watermark) {
        return new SyncCheckpoint(VERSION, source, target, phase, model, null, watermark, null, 0, 0, false);
    }

    /** The checkpoint after one more finished page. */
    public SyncCheckpoint next(String endCursor, String pageWindowEnd, long pageFailed, boolean last) {
        return next(endCursor, pageWindowEnd, 1, pageFailed, last);
    }

    /** The checkpoint after {@code finishedPages} more finished pages. */
    public SyncCheckpoint next(String endCursor, String pageWindowEnd, int finishedPages, long pageFailed, boolean last) {
        String max = windowEnd != null ? windowEnd : pageWindowEnd;
        return new SyncCheckpoint(version, sourceStage, targetStage, phase, model, endCursor == null ? cursor : endCursor,
                watermark, max, pages + finishedPages, failed + pageFailed, last);
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", version);
        m.put("sourceStage", sourceStage);
        m.put("targetStage", targetStage);
        m.put("phase", phase);
        m.put("model", model);
        m.put("cursor", cursor);
        m.put("watermark", watermark);
        m.put("windowEnd", windowEnd);
        m.put("pages", pages);
        m.put("failed", failed);
        m.put("done", done);
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static SyncCheckpoint fromJson(String json) {
        try {
            Map<?, ?> m = JSON.readValue(json, Map.class);
            int version = ((Number) m.get("version")).intValue();
            if (version != VERSION) {
                throw new IllegalArgumentException("Unsupported checkpoint version " + version + " (this build reads " + VERSION + ")");
            }
            return new SyncCheckpoint(version, (String) m.get("sourceStage"), (String) m.get("targetStage"),
                    (String) m.get("phase"), (String) m.get("model"), (String) m.get("cursor"), (String) m.get("watermark"),
                    (String) m.get("windowEnd"), ((Number) m.get("pages")).longValue(),
                    ((Number) m.get("failed")).longValue(), Boolean.TRUE.equals(m.get("done")));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Checkpoint is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }
}
