package io.stagesync.state;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcTest {

    private final StateStore store = new StateStore("jdbc:h2:mem:jdbc-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "", 2);
    private final Jdbc jdbc = new Jdbc(store.dataSource());

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void should_insert_missing_rows_and_update_existing_ones_in_an_upsert() {
        // given
        jdbc.update("CREATE TABLE t (id VARCHAR(10) PRIMARY KEY, v VARCHAR(10))");
        jdbc.update("INSERT INTO t (id, v) VALUES (?, ?)", "a", "old");

        // when
        jdbc.upsertAll("UPDATE t SET v = ? WHERE id = ?", "INSERT INTO t (id, v) VALUES (?, ?)",
                List.of(new Object[]{"new", "a"}, new Object[]{"b-value", "b"}),
                List.of(new Object[]{"a", "new"}, new Object[]{"b", "b-value"}));

        // then
        assertThat(jdbc.query("SELECT id, v FROM t ORDER BY id", rs -> rs.getString(1) + "=" + rs.getString(2)))
                .containsExactly("a=new", "b=b-value");
    }

    @Test
    void should_roll_back_every_statement_of_a_failed_transaction() {
        // given
        jdbc.update("CREATE TABLE t (id VARCHAR(10) PRIMARY KEY)");

        // when
        assertThatThrownBy(() -> jdbc.inTransaction(tx -> {
            tx.update("INSERT INTO t (id) VALUES (?)", "x");
            tx.update("INSERT INTO t (id) VALUES (?)", "x");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("State store write failed");

        // then
        assertThat(jdbc.query("SELECT COUNT(*) FROM t", rs -> rs.getLong(1))).containsExactly(0L);
    }

    @Test
    void should_find_every_value_of_an_in_list_longer_than_one_chunk() {
        // given
        jdbc.update("CREATE TABLE t (id INT PRIMARY KEY, kind VARCHAR(10))");
        IntStream.range(0, 1200).forEach(i -> jdbc.update("INSERT INTO t (id, kind) VALUES (?, ?)", i, i % 2 == 0 ? "even" : "odd"));
        List<Integer> wanted = new ArrayList<>(IntStream.range(0, 1100).boxed().toList());

        // when
        List<Integer> found = jdbc.queryIn("SELECT id FROM t WHERE kind = ? AND id IN", wanted, rs -> rs.getInt(1), "even");

        // then
        assertThat(found).hasSize(550).allMatch(i -> i % 2 == 0 && i < 1100);
    }

    @Test
    void should_return_at_most_the_asked_number_of_rows() {
        // given
        jdbc.update("CREATE TABLE t (id INT PRIMARY KEY)");
        IntStream.range(0, 5).forEach(i -> jdbc.update("INSERT INTO t (id) VALUES (?)", i));

        // when
        List<Integer> rows = jdbc.query(3, "SELECT id FROM t ORDER BY id", rs -> rs.getInt(1));

        // then
        assertThat(rows).containsExactly(0, 1, 2);
    }
}
