package io.edarouter.event;

import java.nio.charset.StandardCharsets;

import org.apache.camel.Exchange;
import org.apache.camel.TypeConversionException;
import org.apache.camel.TypeConverterLoaderException;
import org.apache.camel.spi.TypeConverterLoader;
import org.apache.camel.spi.TypeConverterRegistry;
import org.apache.camel.support.TypeConverterSupport;

/**
 * Lets any producer take an {@link Event} body: a Kafka or Pulsar endpoint, a log, an HTTP response
 * all get the envelope's JSON. Listed in {@code META-INF/services/org/apache/camel/TypeConverterLoader}.
 */
public final class EventConverterLoader implements TypeConverterLoader {

    private static final EventCodec CODEC = new EventCodec();

    @Override
    public void load(TypeConverterRegistry registry) throws TypeConverterLoaderException {
        registry.addTypeConverter(byte[].class, Event.class, new TypeConverterSupport() {
            @Override
            public <T> T convertTo(Class<T> type, Exchange exchange, Object value) throws TypeConversionException {
                return type.cast(CODEC.encode((Event) value));
            }
        });
        registry.addTypeConverter(String.class, Event.class, new TypeConverterSupport() {
            @Override
            public <T> T convertTo(Class<T> type, Exchange exchange, Object value) throws TypeConversionException {
                return type.cast(new String(CODEC.encode((Event) value), StandardCharsets.UTF_8));
            }
        });
    }
}
