package io.edarouter.event;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.apache.camel.TypeConverterLoaderException;
import org.apache.camel.spi.TypeConverterLoader;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;

/**
 * Lets any producer take an {@link Event} body: a Kafka or Pulsar endpoint, a log, an HTTP response
 * all get the envelope's JSON; and lets {@code simple} read the event's JSON objects as maps. Listed in {@code META-INF/services/org/apache/camel/TypeConverterLoader}.
 */
public final class EventConverterLoader implements TypeConverterLoader {

    @Override
    public void load(TypeConverterRegistry registry) throws TypeConverterLoaderException {
        registry.addTypeConverter(byte[].class, Event.class, new TypeConverterSupport() {
            @Override
            public <T> T convertTo(Class<T> type, Exchange exchange, Object value) throws TypeConversionException {
                return type.cast(((Event) value).bytes());
            }
        });
        registry.addTypeConverter(String.class, Event.class, new TypeConverterSupport() {
            @Override
            public <T> T convertTo(Class<T> type, Exchange exchange, Object value) throws TypeConversionException {
                return type.cast(new String(((Event) value).bytes(), StandardCharsets.UTF_8));
            }
        });
        // simple's ${body.data[orderId]} looks a key up by converting the event's data (a JSON object) to a Map;
        // camel-jackson's JsonNode converter needs an exchange, which that lookup does not pass
        registry.addTypeConverter(Map.class, ObjectNode.class, new TypeConverterSupport() {
            @Override
            public <T> T convertTo(Class<T> type, Exchange exchange, Object value) throws TypeConversionException {
                return type.cast(Event.JSON.convertValue(value, LinkedHashMap.class));
            }
        });
    }
}
