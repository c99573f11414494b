package io.camelinngest.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

/**
 * A data source that counts what reaches the database through it: transactions committed (explicit commits, and each
 * prepared statement run with auto-commit on), those of them that wrote (ran an INSERT or UPDATE), and the INSERT and
 * UPDATE statements. Each call is passed on to the real data source.
 */
public final class CountingDataSource {

    private final DataSource target;
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong writingCommits = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();

    public CountingDataSource(DataSource target) {
        this.target = target;
    }

    /** The data source to hand to the code under test. */
    public DataSource dataSource() {
        return proxy(DataSource.class, (proxy, method, args) -> {
            Object result = call(target, method, args);
            return method.getName().equals("getConnection") ? connection((Connection) result) : result;
        });
    }

    /** Transactions committed. */
    public long commits() {
        return commits.get();
    }

    /** Committed transactions that ran at least one INSERT or UPDATE. */
    public long writingCommits() {
        return writingCommits.get();
    }

    /** INSERT and UPDATE statements run. */
    public long updates() {
        return updates.get();
    }

    private Connection connection(Connection connection) throws java.sql.SQLException {
        // wrote: an INSERT or UPDATE ran in the open transaction; autoCommit: each statement is a transaction of its own
        boolean[] wrote = { false };
        boolean[] autoCommit = { connection.getAutoCommit() };
        return proxy(Connection.class, (proxy, method, args) -> {
            Object result = call(connection, method, args);
            switch (method.getName()) {
                case "setAutoCommit" -> autoCommit[0] = (Boolean) args[0];
                case "commit" -> committed(wrote);
                case "rollback" -> wrote[0] = false;
                case "prepareStatement" -> {
                    PreparedStatement statement = (PreparedStatement) result;
                    return proxy(PreparedStatement.class, (p, m, a) -> {
                        Object done = call(statement, m, a);
                        if (m.getName().equals("executeUpdate")) {
                            updates.incrementAndGet();
                            wrote[0] = true;
                        }
                        if (autoCommit[0] && m.getName().startsWith("execute")) {
                            committed(wrote);
                        }
                        return done;
                    });
                }
                default -> {
                }
            }
            return result;
        });
    }

    private void committed(boolean[] wrote) {
        commits.incrementAndGet();
        if (wrote[0]) {
            writingCommits.incrementAndGet();
        }
        wrote[0] = false;
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(CountingDataSource.class.getClassLoader(), new Class<?>[] { type }, handler);
    }
}
