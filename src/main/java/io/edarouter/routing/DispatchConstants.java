package io.edarouter.routing;

import org.apache.camel.spi.Metadata;

/** Headers of the {@code eda-dispatch:} component. */
public final class DispatchConstants {

    /**
     * Set after dispatch on the exchange (one event) or on each message of the batch: the names of the subscribers
     * that matched, comma-separated, in file order. Not on the copies sent to the subscribers.
     */
    @Metadata(javaType = "String")
    public static final String MATCHED = "EdaDispatchMatched";
    /**
     * Exchange property (not a header, so it never leaves the router) set on each copy sent to a subscriber: that
     * subscriber's name, for a target routed inside Camel such as {@code direct:}.
     */
    @Metadata(javaType = "String")
    public static final String SUBSCRIBER = "EdaDispatchSubscriber";

    private DispatchConstants() {
    }
}
