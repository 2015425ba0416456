package io.edarouter.schema;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The registered versions of each event type's schema. Reads only: registering is the implementation's own. */
public interface SchemaRegistry {

    /** The highest registered version of the type's schema, if it has any. */
    Optional<RegisteredSchema> latest(String eventType);

    /** One version of the type's schema. */
    Optional<RegisteredSchema> version(String eventType, int version);

    /** Every registered version of the type's schema, oldest first; empty when it has none. */
    List<RegisteredSchema> versions(String eventType);

    /** The event types that have at least one schema version. */
    Set<String> eventTypes();
}
