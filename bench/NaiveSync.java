import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The naive sync the original scripts did, for the sync benchmark: pages of 5 by skip, one create request per
 * entry, throttled only to the stages' rate limit (retrying a 429), no batching. Prints a JSON line with its figures.
 * Usage: java -cp target/stagesync.jar bench/NaiveSync.java SOURCE_URL TARGET_URL TOKEN LIMIT RATE
 */
@SuppressWarnings("unchecked")
public class NaiveSync {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static long requests;
    static final Map<String, Long> nextSlot = new LinkedHashMap<>();

    public static void main(String[] args) throws Exception {
        String source = args[0], target = args[1], token = args[2];
        int limit = Integer.parseInt(args[3]);
        double rate = Double.parseDouble(args[4]);
        long start = System.nanoTime();
        int copied = 0;
        for (int skip = 0; copied < limit; skip += 5) {
            Map<String, Object> data = post(source, token, rate, "query($skip: Int) { hotels(stage: DRAFT, first: 5, skip: $skip) "
                    + "{ createdAt updatedAt name slug category stars } }", Map.of("skip", skip));
            List<Map<String, Object>> hotels = (List<Map<String, Object>>) data.get("hotels");
            if (hotels.isEmpty()) {
                break;
            }
            for (Map<String, Object> h : hotels) {
                Map<String, Object> input = new LinkedHashMap<>(h);
                input.values().removeIf(v -> v == null);
                post(target, token, rate, "mutation($d: HotelCreateInput!) { createHotel(data: $d) { id } }", Map.of("d", input));
                copied++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("{\"entries\":" + copied + ",\"requests\":" + requests + ",\"seconds\":" + seconds
                + ",\"entriesPerSec\":" + (copied / seconds) + "}");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> post(String url, String token, double rate, String query, Map<String, Object> vars) throws Exception {
        while (true) {
            long slot = Math.max(System.nanoTime(), nextSlot.getOrDefault(url, 0L));
            nextSlot.put(url, slot + (long) (1e9 / rate));
            while (System.nanoTime() < slot) {
                Thread.sleep(Math.max(1, (slot - System.nanoTime()) / 1_000_000));
            }
            requests++;
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "variables", vars))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 429) {
                continue;
            }
            Map<String, Object> body = JSON.readValue(r.body(), Map.class);
            if (r.statusCode() != 200 || body.get("errors") != null) {
                throw new IllegalStateException("naive request failed: HTTP " + r.statusCode() + " " + body.get("errors"));
            }
            return (Map<String, Object>) body.get("data");
        }
    }
}
