package io.edarouter.observe;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifierNamingStrategy;
import org.apache.camel.spi.CamelEvent.ExchangeEvent;

/**
 * Camel's exchange event notifier with the same meters, less its cost per exchange: Camel's (camel-micrometer 4.18)
 * searches every meter of the registry for {@code camel.exchanges.last.timestamp} at the end of each exchange, and
 * registers it when two threads both found none (Micrometer's "already registered" warning). Here the gauge is
 * registered once at start; each exchange only sets the time. What an exchange costs counts once per lookup and
 * HTTP request, not once per batch.
 */
final class LastExchangeOnce extends MicrometerExchangeEventNotifier {

    private final AtomicLong lastExchange = new AtomicLong();

    /** A notifier configured as {@code original} (Camel's, to be stopped), naming its meters with {@code naming}. */
    LastExchangeOnce(MicrometerExchangeEventNotifier original, MicrometerExchangeEventNotifierNamingStrategy naming) {
        setCamelContext(original.getCamelContext());
        setMeterRegistry(original.getMeterRegistry());
        setSkipCamelInfo(original.isSkipCamelInfo());
        setPrettyPrint(original.isPrettyPrint());
        setDurationUnit(original.getDurationUnit());
        setBaseEndpointURI(original.isBaseEndpointURI());
        setIgnoreExchanges(original.getIgnoreExchanges());
        setNamingStrategy(naming);
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Camel's notifier may have registered it already, bound to its own holder
        Meter registered = getMeterRegistry().find(MicrometerConstants.CAMEL_EXCHANGE_LAST_TIME_METER_NAME).meter();
        if (registered != null) {
            getMeterRegistry().remove(registered);
        }
        Gauge.builder(MicrometerConstants.CAMEL_EXCHANGE_LAST_TIME_METER_NAME, lastExchange, AtomicLong::get)
                .description("Last exchange processed time in milliseconds since the Unix epoch")
                .register(getMeterRegistry());
    }

    @Override
    protected void handleDoneEvent(ExchangeEvent doneEvent) {
        String name = getNamingStrategy().getName(doneEvent.getExchange(), doneEvent.getExchange().getFromEndpoint());
        Timer.Sample sample = (Timer.Sample) doneEvent.getExchange().removeProperty("eventTimer:" + name);
        if (sample != null) {
            Tags tags = getNamingStrategy().getTags(doneEvent, doneEvent.getExchange().getFromEndpoint());
            sample.stop(getMeterRegistry().timer(name, tags));
        }
        lastExchange.set(System.currentTimeMillis());
    }
}
