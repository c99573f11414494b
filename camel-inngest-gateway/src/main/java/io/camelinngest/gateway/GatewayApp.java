package io.camelinngest.gateway;

import java.io.PrintStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar camel-inngest-gateway.jar}: the gateway against the Inngest the environment names
 * ({@link InngestTarget}), on the ports and token of {@link GatewaySettings}. It logs first what it talks to, then
 * prints the two URLs and a curl line to try.
 */
public final class GatewayApp {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayApp.class);

    private GatewayApp() {
    }

    public static void main(String[] args) throws Exception {
        InngestTarget.Mode mode = InngestTarget.detect(System::getenv);
        if (mode == InngestTarget.Mode.FAKE) {
            LOG.warn("No INNGEST_DEV, INNGEST_SIGNING_KEY or INNGEST_EVENT_KEY set: serving a FAKE Inngest"
                     + " (camel-inngest-testing) on loopback; nothing reaches a real Inngest");
        }
        GatewaySettings settings = GatewaySettings.fromEnvironment(System::getenv);
        try (InngestTarget target = InngestTarget.start(mode, System::getenv)) {
            LOG.info("Inngest: {}", target.description());
            new Gateway(settings, target.camelProperties(), gateway -> printReady(gateway, System.out)).run();
        } catch (Throwable e) {
            LOG.error("The gateway stopped: {}", e.toString(), e);
            // HTTP server threads may outlive a failed start: do not hang on
            System.exit(1);
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
