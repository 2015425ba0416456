package io.edarouter.store.camel;

import org.apache.camel.spi.Metadata;

/** Header names of the {@code eventstore:} component. */
public final class EventStoreConstants {

    @Metadata(label = "producer", description = "Stream to append to or read (wins over the URI path); on consumed"
            + " exchanges and after an append, the event's stream.", javaType = "String")
    public static final String STREAM = "CamelEventStoreStream";
    @Metadata(description = "After an append: the stream's version (of the last event). On consumed exchanges: the"
            + " event's version in its stream.", javaType = "long")
    public static final String STREAM_VERSION = "CamelEventStoreStreamVersion";
    @Metadata(description = "After an append: the global position of the last event. On consumed exchanges: the"
            + " event's global position.", javaType = "long")
    public static final String GLOBAL_POSITION = "CamelEventStoreGlobalPosition";
    @Metadata(label = "producer", description = "After an append: true when every event was already stored (an"
            + " idempotent retry) and nothing was written.", javaType = "boolean")
    public static final String DUPLICATE = "CamelEventStoreDuplicate";
    @Metadata(label = "producer", description = "Expected version of the append: any, no_stream, stream_exists or a"
            + " version number (wins over the expectedVersion option).", javaType = "String")
    public static final String EXPECTED_VERSION = "CamelEventStoreExpectedVersion";
    @Metadata(label = "producer", description = "Operation to perform (wins over the operation option).",
            javaType = "String", enums = "append,readStream,readAll,readCategory,readEventType")
    public static final String OPERATION = "CamelEventStoreOperation";
    @Metadata(label = "producer", description = "readStream: first version to read (wins over the fromVersion"
            + " option).", javaType = "long")
    public static final String FROM_VERSION = "CamelEventStoreFromVersion";
    @Metadata(label = "producer", description = "readAll, readCategory, readEventType: first global position to read"
            + " (wins over the fromPosition option).", javaType = "long")
    public static final String FROM_POSITION = "CamelEventStoreFromPosition";
    @Metadata(label = "producer", description = "Most events a read returns (wins over the limit option).",
            javaType = "int")
    public static final String LIMIT = "CamelEventStoreLimit";
    @Metadata(label = "producer", description = "readStream: forward or backward (wins over the direction option).",
            javaType = "String")
    public static final String DIRECTION = "CamelEventStoreDirection";
    @Metadata(label = "producer", description = "readCategory: the category to read (wins over a $ce-CATEGORY path).",
            javaType = "String")
    public static final String CATEGORY = "CamelEventStoreCategory";
    @Metadata(description = "readEventType: the event type to read (wins over a $et-TYPE path). On consumed"
            + " exchanges: the event's type.", javaType = "String")
    public static final String EVENT_TYPE = "CamelEventStoreEventType";
    @Metadata(label = "consumer", description = "On consumed exchanges: the event's eventId.", javaType = "String")
    public static final String EVENT_ID = "CamelEventStoreEventId";
    @Metadata(label = "consumer", description = "On consumed exchanges: the name of the subscription.",
            javaType = "String")
    public static final String SUBSCRIPTION = "CamelEventStoreSubscription";

    /** The stage an append refuses an event at, as in the {@code eda-error-stage} header. */
    public static final String STAGE_STORE = "store";

    private EventStoreConstants() {
    }
}
