package io.camelinngest.examples;

import java.net.ServerSocket;
import java.util.List;
import java.util.Properties;

import io.camelinngest.InngestComponent;
import io.camelinngest.InngestFunctionComponent;
import io.camelinngest.testing.FakeInngestServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServerConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The function example as the demo mode runs it: the fake Inngest syncs the app and calls pack-order. */
class PackingRoutesTest extends CamelTestSupport {

    private FakeInngestServer inngest;

    @Override
    public boolean isUseAdviceWith() {
        return true;
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        Properties properties = new Properties();
        properties.put("packing.delay", "1000");
        properties.put("inngest.runPollInterval", "100");
        properties.put("inngest.eventRunsInterval", "100");
        return properties;
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        inngest = FakeInngestServer.start();
        CamelContext context = super.createCamelContext();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        VertxPlatformHttpServerConfiguration http = new VertxPlatformHttpServerConfiguration();
        http.setBindHost("127.0.0.1");
        http.setBindPort(port);
        context.addService(new VertxPlatformHttpServer(http));
        InngestComponent component = new InngestComponent();
        component.getConfiguration().setDev(inngest.url());
        context.addComponent("inngest", component);
        InngestFunctionComponent functions = new InngestFunctionComponent();
        functions.setAppId("camel-examples");
        functions.setServeOrigin("http://127.0.0.1:" + port);
        context.addComponent("inngest-function", functions);
        context.addRoutes(new PackingRoutes());
        return context;
    }

    @AfterEach
    void stopInngest() {
        inngest.close();
    }

    @Test
    void theOrderIsPackedByTheRouteFunctionWithEachStepOnce() throws Exception {
        for (String route : List.of("pack-orders", "pick")) {
            AdviceWith.adviceWith(context, route, a -> a.weaveAddLast().to("mock:" + route));
        }
        MockEndpoint packed = getMockEndpoint("mock:pack-orders");
        MockEndpoint picked = getMockEndpoint("mock:pick");
        packed.expectedMessageCount(1);
        picked.expectedMessageCount(1);
        context.start();

        MockEndpoint.assertIsSatisfied(context, 30, java.util.concurrent.TimeUnit.SECONDS);
        List<?> runs = packed.getExchanges().get(0).getMessage().getBody(List.class);
        assertThat(runs).singleElement().asString().startsWith("Completed {")
                .contains("order=2001", "picked=true", "label=PKG-2001");
        assertThat(inngest.fake().functions().functionIds()).containsExactly("camel-examples-pack-order");
    }
}
