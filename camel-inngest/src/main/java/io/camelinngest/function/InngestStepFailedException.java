package io.camelinngest.function;

/**
 * A step whose attempts are exhausted: the server memoized its error, and each later call of the run throws this at the
 * step, so a route can catch it ({@code doTry}/{@code onException}) and go on; uncaught, the run fails without retry
 * (SDK spec 5.2.2). Carries the step's error as the server gave it.
 */
public class InngestStepFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String step;
    private final String errorName;

    public InngestStepFailedException(String step, String errorName, String message) {
        super("Step '" + step + "' failed: " + errorName + ": " + message);
        this.step = step;
        this.errorName = errorName;
    }

    /** The step's name as written in the route. */
    public String getStep() {
        return step;
    }

    /** The error's {@code name} (for an exception thrown in a route: its class's simple name). */
    public String getErrorName() {
        return errorName;
    }
}
