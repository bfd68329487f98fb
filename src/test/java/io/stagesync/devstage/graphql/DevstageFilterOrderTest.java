package io.stagesync.devstage.graphql;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import io.stagesync.testing.DevstageExtension;

import java.util.List;
import java.util.Map;

import static io.stagesync.devstage.graphql.ContentApiFixture.at;
import static org.assertj.core.api.Assertions.assertThat;

class DevstageFilterOrderTest {
    @RegisterExtension
    static DevstageExtension devstage = DevstageExtension.empty();
    ContentApiFixture fx;
    String a;
    String b;
    String c;
    String d;

    @BeforeEach
    void setUp() {
        fx = ContentApiFixture.on(devstage);
        a = fx.createHotel("alpine-lodge", ", stars: 3, createdAt: \"2024-01-01T00:00:00Z\"");
        b = fx.createHotel("beach-house", ", stars: 5, createdAt: \"2024-02-01T00:00:00Z\"");
        fx.data("mutation { updateHotel(where: { slug: \"beach-house\" }, data: { category: LUXURY }) { id } }");
        c = fx.createHotel("city-inn", ", stars: 3, createdAt: \"2024-03-01T00:00:00Z\"");
        d = fx.createHotel("dune-camp", ", createdAt: \"2024-04-01T12:30:00+02:00\"");
    }

    private List<Object> ids(String args) {
        Map<String, Object> data = fx.data("{ hotels(stage: DRAFT, " + args + ") { id } }");
        List<Map<String, Object>> hotels = at(data, "hotels");
        return hotels.stream().map(h -> h.get("id")).toList();
    }

    @Test
    void should_filter_by_id_equality_in_and_not_in() {
        assertThat(ids("where: { id: \"" + b + "\" }")).containsExactly(b);
        assertThat(ids("where: { id_in: [\"" + a + "\", \"" + c + "\"] }")).containsExactly(a, c);
        assertThat(ids("where: { slug_not_in: [\"alpine-lodge\", \"city-inn\"] }")).containsExactly(b, d);
        assertThat(ids("where: { category_in: [LUXURY] }")).containsExactly(b);
    }

    @Test
    void should_filter_with_comparisons_and_string_operators() {
        assertThat(ids("where: { stars_gte: 3, stars_lt: 5 }")).containsExactly(a, c);
        assertThat(ids("where: { stars_gt: 3 }")).containsExactly(b);
        assertThat(ids("where: { slug_contains: \"HOUSE\" }")).containsExactly(b);
        assertThat(ids("where: { slug_starts_with: \"c\" }")).containsExactly(c);
        assertThat(ids("where: { name_ends_with: \"camp name\" }")).containsExactly(d);
        assertThat(ids("where: { createdAt_gt: \"2024-02-15T00:00:00Z\" }")).containsExactly(c, d);
        assertThat(ids("where: { createdAt_lte: \"2024-04-01T10:30:00Z\" }")).containsExactly(a, b, c, d);
        assertThat(ids("where: { createdAt_lt: \"2024-04-01T10:30:00Z\" }")).containsExactly(a, b, c);
    }

    @Test
    void should_combine_and_or_not() {
        assertThat(ids("where: { OR: [{ slug: \"alpine-lodge\" }, { stars: 5 }] }")).containsExactly(a, b);
        assertThat(ids("where: { AND: [{ stars: 3 }, { slug_not: \"city-inn\" }] }")).containsExactly(a);
        assertThat(ids("where: { NOT: [{ stars: 3 }] }")).containsExactly(b, d);
    }

    @Test
    void should_filter_by_document_in_stages() {
        // given
        fx.data("mutation { publishHotel(where: { id: \"" + c + "\" }) { id } }");
        // then
        assertThat(ids("where: { documentInStages_some: { stage: PUBLISHED } }")).containsExactly(c);
        assertThat(ids("where: { documentInStages_none: { stage: PUBLISHED } }")).containsExactly(a, b, d);
    }

    @Test
    void should_order_by_field_with_id_tie_break() {
        assertThat(ids("orderBy: stars_DESC")).containsExactly(b, a, c, d);
        assertThat(ids("orderBy: stars_ASC")).containsExactly(d, a, c, b);
        assertThat(ids("orderBy: id_DESC")).containsExactly(d, c, b, a);
        assertThat(ids("orderBy: createdAt_DESC, first: 2")).containsExactly(d, c);
        assertThat(ids("orderBy: slug_DESC, where: { stars: 3 }")).containsExactly(c, a);
    }

    @Test
    void should_filter_by_relation() {
        // given
        String rome = fx.createDestination("rome");
        fx.data("mutation { updateHotel(where: { id: \"" + b + "\" }, data: { destination: { connect: { slug: \"rome\" } } }) { id } }");
        // then
        assertThat(ids("where: { destination: { slug: \"rome\" } }")).containsExactly(b);
        Map<String, Object> data = fx.data("{ destinations(stage: DRAFT, where: { hotels_some: { stars: 5 } }) { id } }");
        assertThat((List<Map<String, Object>>) at(data, "destinations")).extracting(x -> x.get("id")).containsExactly(rome);
    }
}
