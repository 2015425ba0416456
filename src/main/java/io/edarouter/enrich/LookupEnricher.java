package io.edarouter.enrich;

import java.io.InputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.event.Event;
import io.edarouter.event.EventCodec;
import io.edarouter.event.EventExpression;
import io.edarouter.event.InvalidEventException;
import io.edarouter.observe.EdaMeters;
import io.edarouter.observe.ThrottledLog;
import io.micrometer.core.instrument.Counter;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Looks a key of the event up through any Camel endpoint and puts the result into {@code data.<field>}.
 * The lookup exchange is a fresh one (none of the event's headers leak to the endpoint): its body and
 * header {@code EdaLookupKey} are the key, {@code CamelHttpMethod} is GET. The reply, a map or JSON
 * (text, bytes or a stream), is the value. Results are cached per key; a lookup that fails, times out or
 * answers nothing follows the failure policy.
 */
final class LookupEnricher implements Enricher {

    private static final Logger LOG = LoggerFactory.getLogger(LookupEnricher.class);
    private static final ObjectMapper MAPPER = new EventCodec().mapper();
    private static final String NO_KEY = "no-key";
    private static final String LOOKUP = "lookup";

    private final CamelContext context;
    private final EnrichConfiguration configuration;
    private final Expression key;
    private final Expression uri;
    private final LookupCache cache;
    private final long timeoutMillis;
    private final ThrottledLog continued;
    /** Properties of a batch's arrival exchange: its key, and the value {@link #prepare} found for it. */
    private final String preparedKey;
    private final String preparedValue;
    /** By cause: looked up at the first failure, once the context's registry has its meter registry. */
    private final Map<String, Counter> failures = new ConcurrentHashMap<>();
    private ProducerTemplate template;

    LookupEnricher(CamelContext context, EnrichConfiguration configuration) {
        this.context = context;
        this.configuration = configuration;
        require(configuration.getUri(), "uri");
        require(configuration.getKey(), "key");
        require(configuration.getField(), "field");
        this.key = EventExpression.create(context, configuration.getKey());
        this.uri = context.resolveLanguage("simple").createExpression(configuration.getUri());
        this.cache = new LookupCache(configuration.getCacheSize(), configuration.cacheTtlMillis(), System::currentTimeMillis);
        this.timeoutMillis = configuration.timeoutMillis();
        this.continued = new ThrottledLog(LOG, Level.WARN, "eda-enrich: events that continued without " + configuration.getField());
        this.preparedKey = "EdaLookupKey." + configuration.getField();
        this.preparedValue = "EdaLookupValue." + configuration.getField();
    }

    private static void require(String value, String option) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("eda-enrich:lookup needs the option '" + option + "'");
        }
    }

    @Override
    public void start() {
        template = context.createProducerTemplate();
    }

    @Override
    public void stop() {
        if (template != null) {
            template.stop();
        }
    }

    @Override
    public Event enrich(Event event, Exchange exchange) {
        String field = configuration.getField();
        if (exchange.getProperty(preparedValue) instanceof JsonNode prepared) {
            return Events.withData(event, field, prepared);
        }
        String keyValue = exchange.getProperty(preparedKey) instanceof String prepared ? prepared
                : key.evaluate(exchange, String.class);
        if (keyValue == null || keyValue.isBlank()) {
            return failed(event, NO_KEY, "no key: " + configuration.getKey() + " gave nothing");
        }
        JsonNode value = (JsonNode) cache.get(keyValue);
        if (value == null) {
            try {
                value = lookup(keyValue);
            } catch (Exception e) {
                return failed(event, LOOKUP, "lookup of " + field + " for key '" + keyValue + "' failed: " + e.getMessage());
            }
            cache.put(keyValue, value);
        }
        return Events.withData(event, field, value);
    }

    /**
     * Looks up the batch's keys that are not cached all at once (in parallel, within one {@code timeout}), so a
     * batch waits about one lookup, not one per key. Each arrival keeps its key and the value found for it, which
     * {@link #enrich} takes instead of evaluating the key and asking the cache again; what failed here it looks up
     * again (and reports).
     */
    @Override
    public void prepare(List<Exchange> arrivals) {
        if (configuration.getCacheSize() <= 0 || arrivals.size() < 2) {
            return;
        }
        Map<String, JsonNode> values = new HashMap<>();
        Map<String, Request> pending = new LinkedHashMap<>();
        for (Exchange arrival : arrivals) {
            String keyValue;
            try {
                keyValue = key.evaluate(arrival, String.class);
            } catch (RuntimeException e) {
                continue;
            }
            if (keyValue == null || keyValue.isBlank()) {
                continue;
            }
            arrival.setProperty(preparedKey, keyValue);
            if (!values.containsKey(keyValue) && !pending.containsKey(keyValue)) {
                JsonNode cached = (JsonNode) cache.get(keyValue);
                if (cached != null) {
                    values.put(keyValue, cached);
                } else {
                    pending.put(keyValue, send(keyValue));
                }
            }
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        pending.forEach((keyValue, request) -> {
            try {
                JsonNode value = answer(request, Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                cache.put(keyValue, value);
                values.put(keyValue, value);
            } catch (Exception e) {
                LOG.debug("eda-enrich: prefetch of {} for key '{}' failed, looked up again per event: {}",
                        configuration.getField(), keyValue, e.getMessage());
            }
        });
        for (Exchange arrival : arrivals) {
            JsonNode value = arrival.getProperty(preparedKey) instanceof String keyValue ? values.get(keyValue) : null;
            if (value != null) {
                arrival.setProperty(preparedValue, value);
            }
        }
    }

    /** A lookup on its way. */
    private record Request(String target, CompletableFuture<Exchange> reply) {
    }

    private JsonNode lookup(String keyValue) throws Exception {
        return answer(send(keyValue), timeoutMillis);
    }

    private Request send(String keyValue) {
        Exchange request = new DefaultExchange(context);
        request.getMessage().setBody(keyValue);
        request.getMessage().setHeader(EnrichConstants.LOOKUP_KEY, keyValue);
        request.getMessage().setHeader(Exchange.HTTP_METHOD, "GET");
        String target = uri.evaluate(request, String.class);
        return new Request(target, template.asyncSend(target, request));
    }

    private static JsonNode answer(Request request, long timeoutMillis) throws Exception {
        Exchange reply;
        try {
            reply = request.reply().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new Exception("no answer from " + request.target() + " within " + timeoutMillis + " ms (timeout)");
        } catch (ExecutionException e) {
            throw new Exception(e.getCause().getMessage(), e.getCause());
        }
        if (reply.getException() != null) {
            throw new Exception(reply.getException().getMessage(), reply.getException());
        }
        JsonNode value = toValue(reply.getMessage().getBody(), reply);
        if (value == null) {
            throw new Exception("no result from " + request.target());
        }
        return value;
    }

    /** The reply as the JSON value to put into the event: a tree, a map, or JSON as text, bytes or a stream. */
    private static JsonNode toValue(Object body, Exchange reply) throws Exception {
        if (body == null) {
            return null;
        }
        if (body instanceof JsonNode node) {
            return node.isNull() ? null : node;
        }
        if (body instanceof Map<?, ?> map) {
            return MAPPER.valueToTree(map);
        }
        String text = body instanceof InputStream in ? new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                : reply.getContext().getTypeConverter().mandatoryConvertTo(String.class, reply, body);
        if (text.isBlank()) {
            return null;
        }
        JsonNode value = MAPPER.readTree(text);
        return value.isNull() ? null : value;
    }

    /** Counted per event; logged once an interval (at full throughput every event may lack its key). */
    private Event failed(Event event, String cause, String reason) {
        failures.computeIfAbsent(cause, c -> EdaMeters.registry(context).counter(EdaMeters.ENRICHMENT_FAILED,
                "field", configuration.getField(), "cause", c)).increment();
        if (configuration.getOnFailure() == EnrichConfiguration.OnFailure.CONTINUE) {
            continued.occurred("eda-enrich: event {} continues without {}: {}", event.eventId(), configuration.getField(),
                    reason);
            return Events.withEnrichmentStatus(event, configuration.getField(), EnrichConstants.FAILED);
        }
        throw new InvalidEventException(EnrichConstants.STAGE, reason);
    }

    int cachedKeys() {
        return cache.size();
    }
}
