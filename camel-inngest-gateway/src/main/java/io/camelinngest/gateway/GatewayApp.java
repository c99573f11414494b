package io.camelinngest.gateway;

import java.io.PrintStream;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar camel-inngest-gateway.jar}: the gateway against the Inngest the environment names
 * ({@link InngestTarget}), on the ports and token of {@link GatewaySettings}. It logs first what it talks to, then
 * prints the two URLs and a curl line to try. When it cannot start it logs why and exits with 1.
 */
public final class GatewayApp {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);

    private GatewayApp() {
    }

    public static void main(String[] args) {
        int code = run(System::getenv, System.out);
        if (code != 0) {
            // threads of a half-started server (Jetty, the MCP SDK's schedulers) must not keep the JVM alive
            System.exit(code);
        }
    }

    /**
     * Runs the gateway until it is told to stop.
     *
     * @return 0 after a normal stop, 1 when it could not start (the reason logged)
     */
    static int run(Function<String, String> env, PrintStream out) {
        InngestTarget.Mode mode;
        GatewaySettings settings;
        try {
            mode = InngestTarget.detect(env);
            settings = GatewaySettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            LOG.error("The gateway cannot start: {}", e.getMessage());
            return 1;
        }
        if (mode == InngestTarget.Mode.FAKE) {
            LOG.warn("INNGEST_GATEWAY_FAKE is set: serving a FAKE Inngest (camel-inngest-testing) on loopback; nothing"
                     + " reaches a real Inngest");
        }
        try (InngestTarget target = InngestTarget.start(mode, env)) {
            LOG.info("Inngest: {}", target.description());
            target.unavailable().values().stream().distinct()
                    .forEach(why -> LOG.warn("Not served (answers 503): {}", why));
            new Gateway(settings, target.camelProperties(), target.unavailable(), gateway -> printReady(gateway, out)).run();
            return 0;
        } catch (Throwable e) {
            LOG.error("The gateway cannot start: {}", e.getMessage(), e);
            return 1;
        }
    }

    /** The URLs, the token when the gateway made it (the only time it is shown), and a first call. */
    static void printReady(Gateway gateway, PrintStream out) {
        BearerToken token = gateway.settings().token();
        out.println();
        out.println("camel-inngest-gateway is ready");
        out.println("  REST  " + gateway.restUrl() + "   (OpenAPI: " + gateway.restUrl() + RestRoutes.OPENAPI_PATH + ")");
        out.println("  MCP   " + gateway.mcpUrl() + "   (streamable HTTP)");
        if (token.isGenerated()) {
            out.println("  Token (generated, shown only now; set INNGEST_GATEWAY_TOKEN to choose one):");
            out.println("        export INNGEST_GATEWAY_TOKEN=" + token.value());
        } else {
            out.println("  Token: the one in INNGEST_GATEWAY_TOKEN");
        }
        out.println("  Try:  curl -s -H \"Authorization: Bearer $INNGEST_GATEWAY_TOKEN\" " + gateway.restUrl() + "/v1/events");
        out.println();
    }
}
