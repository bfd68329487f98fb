package io.stagesync.state;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The few lines of plain JDBC every state store repository needs: parameterised reads, updates and transactions.
 */
public final class Jdbc {

    /** Maps the current row of a result set. */
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** Statements run in one transaction. */
    public interface Work {
        void run(Transaction tx) throws SQLException;
    }

    /** Runs updates on the connection of a transaction, preparing each SQL text once. */
    public static final class Transaction {
        private final Connection connection;
        private final Map<String, PreparedStatement> statements = new HashMap<>();

        private Transaction(Connection connection) {
            this.connection = connection;
        }

        public int update(String sql, Object... args) throws SQLException {
            PreparedStatement ps = statements.get(sql);
            if (ps == null) {
                ps = connection.prepareStatement(sql);
                statements.put(sql, ps);
            }
            bind(ps, args);
            return ps.executeUpdate();
        }

        private void close() throws SQLException {
            for (PreparedStatement ps : statements.values()) {
                ps.close();
            }
        }
    }

    private static final int IN_CHUNK = 500;

    private final DataSource dataSource;

    public Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("State store write failed: " + e.getMessage(), e);
        }
    }

    /**
     * Inserts one row on its own; false (and nothing written) when a row with the same unique key exists already
     * (SQL state 23505 on H2 and PostgreSQL), so concurrent writers can use the key as a guard.
     */
    public boolean insertUnique(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("State store write failed: " + e.getMessage(), e);
        }
    }

    /** Runs the work in one transaction: all its statements are committed, or none when one fails. */
    public void inTransaction(Work work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Transaction tx = new Transaction(c);
            try {
                work.run(tx);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                tx.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("State store write failed: " + e.getMessage(), e);
        }
    }

    /** Runs update-then-insert for each row in one transaction (portable across H2 and PostgreSQL). */
    public void upsertAll(String updateSql, String insertSql, List<Object[]> updateArgs, List<Object[]> insertArgs) {
        if (updateArgs.isEmpty()) {
            return;
        }
        inTransaction(tx -> {
            for (int i = 0; i < updateArgs.size(); i++) {
                if (tx.update(updateSql, updateArgs.get(i)) == 0) {
                    tx.update(insertSql, insertArgs.get(i));
                }
            }
        });
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        return query(0, sql, mapper, args);
    }

    /**
     * Runs {@code sql}, which ends in {@code IN}, once per chunk of {@code values} (so no statement gets too many
     * placeholders): {@code args} first, then the chunk's values in the parentheses appended.
     */
    public <T> List<T> queryIn(String sql, Collection<?> values, RowMapper<T> mapper, Object... args) {
        List<?> all = new ArrayList<>(values);
        List<T> rows = new ArrayList<>();
        for (int from = 0; from < all.size(); from += IN_CHUNK) {
            List<?> chunk = all.subList(from, Math.min(all.size(), from + IN_CHUNK));
            List<Object> bound = new ArrayList<>(Arrays.asList(args));
            bound.addAll(chunk);
            rows.addAll(query(sql + " (" + String.join(",", Collections.nCopies(chunk.size(), "?")) + ")", mapper, bound.toArray()));
        }
        return rows;
    }

    /** At most {@code maxRows} rows (0 for all). */
    public <T> List<T> query(int maxRows, String sql, RowMapper<T> mapper, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setMaxRows(maxRows);
            bind(ps, args);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("State store read failed: " + e.getMessage(), e);
        }
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }
}
