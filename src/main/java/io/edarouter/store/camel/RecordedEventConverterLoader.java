package io.edarouter.store.camel;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.edarouter.store.RecordedEvent;
import org.apache.camel.spi.TypeConverterLoader;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.SimpleTypeConverter;

/**
 * Converts a {@link RecordedEvent} to JSON (bytes or text): the event's envelope with {@code stream},
 * {@code streamVersion} and {@code globalPosition} added, the form of the HTTP read endpoints. Listed in
 * {@code META-INF/services/org/apache/camel/TypeConverterLoader}, so any CamelContext with the jar has it.
 */
public class RecordedEventConverterLoader implements TypeConverterLoader {

    @Override
    public void load(TypeConverterRegistry registry) {
        registry.addTypeConverter(byte[].class, RecordedEvent.class,
                new SimpleTypeConverter(false, (type, exchange, value) -> toJson((RecordedEvent) value)));
        registry.addTypeConverter(String.class, RecordedEvent.class, new SimpleTypeConverter(false,
                (type, exchange, value) -> new String(toJson((RecordedEvent) value), StandardCharsets.UTF_8)));
    }

    /** The envelope JSON of a stored event, with its stream and positions. */
    public static byte[] toJson(RecordedEvent recorded) {
        ObjectNode positions = JsonNodeFactory.instance.objectNode();
        positions.put("stream", recorded.stream());
        positions.put("streamVersion", recorded.streamVersion());
        positions.put("globalPosition", recorded.globalPosition());
        return recorded.event().bytesWith(positions);
    }
}
