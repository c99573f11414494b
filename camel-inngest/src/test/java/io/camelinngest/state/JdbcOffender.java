package io.camelinngest.state;

import java.sql.Connection;
import java.sql.SQLException;

/** Not used by the component: a class of the component that speaks JDBC, for {@code LayeringTest} to catch. */
public final class JdbcOffender {

    public static boolean open(Connection connection) throws SQLException {
        return !connection.isClosed();
    }
}
