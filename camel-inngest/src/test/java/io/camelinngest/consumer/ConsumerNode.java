package io.camelinngest.consumer;

import java.io.File;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.RoutePolicy;
import org.apache.camel.support.processor.state.FileStateRepository;

/**
 * One application instance: its own CamelContext (component aimed at the fake) and its own {@link FileStateRepository}
 * instance bound as {@code #state}, on a file that may be shared with other instances. The route {@code events} records
 * the internal ID of each exchange as it arrives, then runs {@code work}.
 */
final class ConsumerNode implements AutoCloseable {

    final String name;
    final DefaultCamelContext context = new DefaultCamelContext();
    final FileStateRepository repository;
    final List<String> received = new CopyOnWriteArrayList<>();

    ConsumerNode(String name, String baseUrl, File stateFile) {
        this.name = name;
        context.getCamelContextExtension().setName(name);
        context.addComponent("inngest", ConsumerTestSupport.component(baseUrl));
        repository = FileStateRepository.fileStateRepository(stateFile);
        context.getRegistry().bind("state", repository);
    }

    ConsumerNode route(String uri, RoutePolicy policy, Processor work) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                RouteDefinition route = from(uri).routeId("events");
                if (policy != null) {
                    route.routePolicy(policy);
                }
                route.process(exchange -> {
                    received.add(ConsumerTestSupport.idOf(exchange));
                    work.process(exchange);
                });
            }
        });
        return this;
    }

    ConsumerNode start() {
        context.start();
        return this;
    }

    ServiceStatus routeStatus() {
        return context.getRouteController().getRouteStatus("events");
    }

    static void noWork(Exchange exchange) {
        // the route only records what arrives
    }

    @Override
    public void close() {
        context.stop();
    }
}
