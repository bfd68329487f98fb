package io.stagesync.hygraph;


import io.stagesync.dialect.EntryWrite;
import io.stagesync.hygraph.MutationBatchBuilder;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MutationBatchBuilderTest {

    @Test
    void should_alias_creates_and_updates_with_typed_variables_and_no_value_in_the_document() {
        // given
        EntryWrite create = new EntryWrite(true, "Hotel", "s1", null, "h1", Map.of(), Map.of(), null, Map.of(), null);
        EntryWrite update = new EntryWrite(false, "Hotel", "s2", "t2", "h2", Map.of(), Map.of(), null, Map.of(), null);

        // when
        MutationBatchBuilder.Batch batch = new MutationBatchBuilder().build("Hotel", List.of(create, update),
                List.of(Map.of("name", "A \"quoted\" name"), Map.of("stars", 4)));

        // then
        assertThat(batch.query()).contains("$d0: HotelCreateInput!", "$w1: HotelWhereUniqueInput!, $d1: HotelUpdateInput!",
                "m0: createHotel(data: $d0) { id }", "m1: updateHotel(where: $w1, data: $d1) { id }").doesNotContain("quoted");
        assertThat(batch.variables()).containsEntry("d0", Map.of("name", "A \"quoted\" name"))
                .containsEntry("w1", Map.of("id", "t2")).containsEntry("d1", Map.of("stars", 4));
    }
}
