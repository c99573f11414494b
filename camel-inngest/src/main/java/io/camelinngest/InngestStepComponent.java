package io.camelinngest;

import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/** Durable steps inside a function route ({@code inngest-function}): run once, sleep, wait for an event, invoke. */
@Component("inngest-step")
public class InngestStepComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        InngestStepEndpoint endpoint = new InngestStepEndpoint(uri, this, remaining);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
