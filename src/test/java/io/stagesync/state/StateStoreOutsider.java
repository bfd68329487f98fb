package io.stagesync.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A separate process opening the state store with given credentials; prints its tables, exit 2 when refused. */
public final class StateStoreOutsider {

    private StateStoreOutsider() {
    }

    public static void main(String[] args) {
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2]);
             ResultSet tables = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                System.out.println(tables.getString("TABLE_NAME"));
            }
        } catch (SQLException e) {
            System.out.println("refused " + e.getErrorCode() + " " + e.getMessage());
            System.exit(2);
        }
    }
}
