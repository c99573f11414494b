package io.camelinngest;

import io.camelinngest.function.InngestFunctionConstants;
import io.camelinngest.function.InngestStepProducer;
import io.camelinngest.function.StepOp;
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
 * A durable step of a function route: runs once per run and hands its memoized result on when Inngest calls the route
 * again. The step's name is its identity (hashed as the SDK spec says) and what the Inngest UI shows.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "inngest-step", title = "Inngest Step", syntax = "inngest-step:name",
             producerOnly = true, category = { Category.WORKFLOW, Category.CLOUD },
             headersClass = InngestFunctionConstants.class)
public class InngestStepEndpoint extends DefaultEndpoint {

    @UriPath(description = "The step's name: unique within the function (a name repeated in a loop gets :1, :2 ...)")
    @Metadata(required = true)
    private String name;
    @UriParam(defaultValue = "run", description = "What the step does")
    private StepOp op = StepOp.run;
    @UriParam(description = "op=run: the endpoint that does the step's work, e.g. direct:charge; its resulting body "
                            + "is the step's result. op=sendEvent: defaults to inngest:sendEvents.")
    private String to;
    @UriParam(description = "op=sleep: how long, as an Inngest time string, e.g. 30s, 2h45m, 1d.")
    private String duration;
    @UriParam(description = "op=sleepUntil: an ISO 8601 instant, e.g. 2026-12-24T18:00:00Z.")
    private String until;
    @UriParam(description = "op=waitForEvent: the event name to wait for.")
    private String event;
    @UriParam(description = "op=waitForEvent (required) and op=invoke (optional): how long to wait, e.g. 1h.")
    private String timeout;
    @UriParam(description = "op=waitForEvent: the expression the awaited event must match, e.g. "
                            + "event.data.order == async.data.order (event: the run's trigger, async: the awaited event).")
    private String match;
    @UriParam(description = "op=invoke: the function to run, by its full ID as the server knows it "
                            + "(appId-functionId, e.g. camel-inngest-charge).")
    private String function;

    public InngestStepEndpoint(String uri, InngestStepComponent component, String name) {
        super(uri, component);
        this.name = name;
    }

    @Override
    public Producer createProducer() {
        check();
        return new InngestStepProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException(
                "inngest-step:" + name + " is a step inside a function route (to), "
                                                + "not a route start; serve a function with from(\"inngest-function:<id>\")");
    }

    private void check() {
        String where = "inngest-step:" + name + ": ";
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("inngest-step: the step name is missing (inngest-step:<name>)");
        }
        switch (op) {
            case run -> require(where, "to", to, "the endpoint that does the step's work");
            case sleep -> require(where, "duration", duration, "how long to sleep");
            case sleepUntil -> {
                require(where, "until", until, "when to wake up");
                try {
                    java.time.Instant.parse(until);
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException(
                            where + "until must be an ISO 8601 instant such as "
                                                       + "2026-12-24T18:00:00Z, was " + until);
                }
            }
            case waitForEvent -> {
                require(where, "event", event, "the event to wait for");
                require(where, "timeout", timeout, "how long to wait");
            }
            case invoke -> require(where, "function", function, "the function to invoke (<appId>-<functionId>)");
            case sendEvent -> {
                // to defaults to inngest:sendEvents
            }
        }
    }

    private static void require(String where, String option, String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + "op needs option " + option + " (" + what + ")");
        }
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public StepOp getOp() {
        return op;
    }

    public void setOp(StepOp op) {
        this.op = op;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getDuration() {
        return duration;
    }

    public void setDuration(String duration) {
        this.duration = duration;
    }

    public String getUntil() {
        return until;
    }

    public void setUntil(String until) {
        this.until = until;
    }

    public String getEvent() {
        return event;
    }

    public void setEvent(String event) {
        this.event = event;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public String getMatch() {
        return match;
    }

    public void setMatch(String match) {
        this.match = match;
    }

    public String getFunction() {
        return function;
    }

    public void setFunction(String function) {
        this.function = function;
    }
}
