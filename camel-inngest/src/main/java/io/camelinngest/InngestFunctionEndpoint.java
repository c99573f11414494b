package io.camelinngest;

import io.camelinngest.function.FunctionDefinition;
import io.camelinngest.function.FunctionOptions;
import io.camelinngest.function.InngestFunctionConstants;
import io.camelinngest.function.InngestFunctionConsumer;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * A Camel route served as an Inngest function: Inngest calls it over the app's serve path when one of its trigger
 * events arrives (or its cron fires); the exchange is the run.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "inngest-function", title = "Inngest Function",
             syntax = "inngest-function:functionId", consumerOnly = true,
             category = { Category.WORKFLOW, Category.CLOUD }, headersClass = InngestFunctionConstants.class)
public class InngestFunctionEndpoint extends DefaultEndpoint {

    @UriPath(description = "The function's ID within the app (the server shows appId-functionId)")
    @Metadata(required = true)
    private String functionId;

    @UriParam
    private FunctionOptions options = new FunctionOptions();

    public InngestFunctionEndpoint(String uri, InngestFunctionComponent component, String functionId) {
        super(uri, component);
        this.functionId = functionId;
    }

    @Override
    public InngestFunctionComponent getComponent() {
        return (InngestFunctionComponent) super.getComponent();
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(
                "inngest-function:" + functionId + " only serves functions (from); "
                                                + "send events with inngest:sendEvents, run steps with inngest-step:<name>");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        FunctionDefinition.check(functionId, options);
        InngestFunctionConsumer consumer = new InngestFunctionConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    /** The function's ID as synced: the app ID, a dash, the function ID. */
    public String compositeId() {
        return getComponent().appId() + "-" + functionId;
    }

    public String getFunctionId() {
        return functionId;
    }

    public void setFunctionId(String functionId) {
        this.functionId = functionId;
    }

    public FunctionOptions getOptions() {
        return options;
    }

    public void setOptions(FunctionOptions options) {
        this.options = options;
    }
}
