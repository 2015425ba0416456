package io.edarouter.store.camel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import io.edarouter.event.EventCodec;
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

    private static final EventCodec CODEC = new EventCodec();

    @Override
    public void load(TypeConverterRegistry registry) {
        registry.addTypeConverter(byte[].class, RecordedEvent.class,
                new SimpleTypeConverter(false, (type, exchange, value) -> toJson((RecordedEvent) value)));
        registry.addTypeConverter(String.class, RecordedEvent.class, new SimpleTypeConverter(false,
                (type, exchange, value) -> new String(toJson((RecordedEvent) value), StandardCharsets.UTF_8)));
    }

    /** The envelope JSON of a stored event, with its stream and positions. */
    public static byte[] toJson(RecordedEvent recorded) {
        Map<String, Object> positions = new LinkedHashMap<>();
        positions.put("stream", recorded.stream());
        positions.put("streamVersion", recorded.streamVersion());
        positions.put("globalPosition", recorded.globalPosition());
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator gen = CODEC.mapper().createGenerator(out)) {
            CODEC.writeEnvelope(gen, recorded.event(), positions);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
