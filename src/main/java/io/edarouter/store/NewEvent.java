package io.edarouter.store;

import io.edarouter.event.Event;

/**
 * An event an append inserts, with the stream, version and global position the appender gave it under the head
 * lock. The row's columns are read from here by whichever insert the dialect uses.
 */
record NewEvent(Event event, String stream, long version, long position) {

    String category() {
        return StreamNames.category(stream);
    }

    String dataJson() {
        return event.dataJson();
    }

    /** A metadata sent as null is stored as JSON null, so the event reads back as it was sent; absent is SQL NULL. */
    String metadataJson() {
        return event.metadataJson();
    }
}
