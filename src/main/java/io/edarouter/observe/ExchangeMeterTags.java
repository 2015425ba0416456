package io.edarouter.observe;

import java.util.List;

import io.micrometer.core.instrument.Tags;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifier;
import org.apache.camel.component.micrometer.eventnotifier.MicrometerExchangeEventNotifierNamingStrategy;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.ContextServicePlugin;
import org.apache.camel.spi.EventNotifier;
import org.apache.camel.spi.ManagementStrategy;
import org.apache.camel.support.SimpleEventNotifierSupport;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Gives every {@code camel_exchange_event_notifier_seconds} meter the same tag keys. Camel's exchange event notifier
 * (camel-micrometer 4.18) tags it with {@code routeId} only when the exchange came from a route, so the first
 * exchange a {@code ProducerTemplate} makes (HTTP ingest publishing an event, a lookup, a redrive) registers the meter
 * without that tag, and Prometheus then refuses every later one with it ("registration has failed": all tag keys of a
 * name must be the same), leaving every route's sends and completions unmeasured. Here an exchange without a route
 * gets an empty {@code routeId}, which Prometheus reads as no route.
 *
 * <p>Loaded by Camel in every context ({@code META-INF/services/org.apache.camel.spi.ContextServicePlugin}), so an
 * application embedding the jar gets it too. The notifier is added when metrics are configured, after plugins load:
 * as the routes start, before any exchange, its naming is wrapped and the notifier replaced by {@link LastExchangeOnce}
 * (the same meters, without a search of the whole registry per exchange).
 */
public final class ExchangeMeterTags implements ContextServicePlugin {

    @Override
    public void load(CamelContext context) {
        EventNotifier wrapAtRoutesStart = new SimpleEventNotifierSupport() {
            {
                setupIgnore(true);
                setIgnoreCamelContextEvents(false);
            }

            @Override
            public boolean isEnabled(CamelEvent event) {
                return event instanceof CamelEvent.CamelContextRoutesStartingEvent;
            }

            @Override
            public void notify(CamelEvent event) {
                ManagementStrategy management = context.getManagementStrategy();
                for (EventNotifier notifier : List.copyOf(management.getEventNotifiers())) {
                    if (notifier instanceof MicrometerExchangeEventNotifier camels && !(camels instanceof LastExchangeOnce)) {
                        replace(management, camels);
                    }
                }
            }
        };
        context.getManagementStrategy().addEventNotifier(wrapAtRoutesStart);
        ServiceHelper.startService(wrapAtRoutesStart);
    }

    /** Camel's notifier, stopped and removed with the listener it added, replaced by a started {@link LastExchangeOnce}. */
    private static void replace(ManagementStrategy management, MicrometerExchangeEventNotifier camels) {
        for (EventNotifier other : List.copyOf(management.getEventNotifiers())) {
            // the listener Camel's notifier added to register each new route's in-flight gauge
            if (other.getClass().getEnclosingClass() == MicrometerExchangeEventNotifier.class) {
                management.removeEventNotifier(other);
                ServiceHelper.stopService(other);
            }
        }
        management.removeEventNotifier(camels);
        ServiceHelper.stopService(camels);
        LastExchangeOnce replacement = new LastExchangeOnce(camels, new RouteIdAlways(camels.getNamingStrategy()));
        management.addEventNotifier(replacement);
        ServiceHelper.startService(replacement);
    }

    /** Camel's naming, with a {@code routeId} tag on every meter. */
    private record RouteIdAlways(MicrometerExchangeEventNotifierNamingStrategy naming)
            implements MicrometerExchangeEventNotifierNamingStrategy {

        @Override
        public String getName(Exchange exchange, Endpoint endpoint) {
            return naming.getName(exchange, endpoint);
        }

        @Override
        public boolean isBaseEndpointURI() {
            return naming.isBaseEndpointURI();
        }

        @Override
        public String formatName(String name) {
            return naming.formatName(name);
        }

        @Override
        public String getInflightExchangesName() {
            return naming.getInflightExchangesName();
        }

        @Override
        public Tags getTags(CamelEvent.ExchangeEvent event, Endpoint endpoint) {
            Tags tags = naming.getTags(event, endpoint);
            return tags.stream().anyMatch(tag -> MicrometerConstants.ROUTE_ID_TAG.equals(tag.getKey()))
                    ? tags : tags.and(MicrometerConstants.ROUTE_ID_TAG, "");
        }

        @Override
        public Tags getInflightExchangesTags(CamelContext camelContext, String routeId) {
            return naming.getInflightExchangesTags(camelContext, routeId);
        }
    }
}
