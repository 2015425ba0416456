package io.edarouter.routing;

import org.apache.camel.spi.Metadata;

/** Headers of the {@code eda-dispatch:} component. */
public final class DispatchConstants {

    /**
     * Set after dispatch on the exchange (one event) or on each message of the batch: the names of the subscribers
     * that matched, comma-separated, in file order.
     */
    @Metadata(javaType = "String")
    public static final String MATCHED = "EdaDispatchMatched";
    /** Set on each copy sent to a subscriber: that subscriber's name. */
    @Metadata(javaType = "String")
    public static final String SUBSCRIBER = "EdaDispatchSubscriber";

    private DispatchConstants() {
    }
}
