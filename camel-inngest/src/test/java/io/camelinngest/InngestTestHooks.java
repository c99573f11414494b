package io.camelinngest;

import java.util.Map;

/** Reaches the component's package-private test hooks from tests in other packages. */
public final class InngestTestHooks {

    private InngestTestHooks() {
    }

    /** Makes the component see no environment variables, whatever the machine running the tests has. */
    public static void noEnvironment(InngestComponent component) {
        component.environment(Map.<String, String> of()::get);
    }
}
