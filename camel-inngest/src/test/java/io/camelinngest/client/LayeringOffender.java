package io.camelinngest.client;

import io.camelinngest.tracking.TrackingOffender;

/** Not used by the component: a client class that reaches up into tracking, for {@code LayeringTest} to catch. */
public final class LayeringOffender {

    public static String trackedBy(TrackingOffender offender) {
        return offender.toString();
    }
}
