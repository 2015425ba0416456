package io.edarouter.enrich;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;
import org.apache.camel.util.TimeUtils;

/** Options of an {@code eda-enrich:} endpoint. */
@UriParams
public class EnrichConfiguration {

    /** What a failed lookup does to the event. */
    public enum OnFailure {
        /** Refuse the event: InvalidEventException, stage {@code enrich}, so the dead-letter route takes it. */
        DEAD_LETTER,
        /** Go on without the field and mark {@code metadata.enrichment.<field> = failed}. */
        CONTINUE
    }

    static final String METADATA = "metadata";
    static final String LOOKUP = "lookup";

    /** {@code metadata} (arrival metadata, correlation and trace context) or {@code lookup} (a lookup through an endpoint). */
    @UriPath(enums = METADATA + "," + LOOKUP)
    @Metadata(required = true)
    private String enricher;

    /**
     * lookup: the endpoint URI to call, a Camel simple expression evaluated on the lookup exchange (its body and
     * header EdaLookupKey are the key), e.g. {@code direct:customer-lookup} or
     * {@code http://customers:8080/customers/${header.EdaLookupKey}}.
     */
    @UriParam
    private String uri;

    /**
     * lookup: the key, a Camel simple expression on the event (the body), e.g. {@code ${body.subject}}; a field of
     * data is read with body.data and the field's name in square brackets.
     */
    @UriParam
    private String key;

    /** lookup: the field of {@code data} the result goes into. */
    @UriParam
    private String field;

    /** lookup: most keys cached, the least recently used dropped first; 0 switches the cache off. */
    @UriParam(defaultValue = "1000")
    private int cacheSize = 1000;

    /** lookup: how long a result is cached, e.g. {@code 60s}, {@code 5m} or milliseconds. */
    @UriParam(defaultValue = "60s")
    private String cacheTtl = "60s";

    /** lookup: how long to wait for the endpoint's answer, e.g. {@code 2s} or milliseconds. */
    @UriParam(defaultValue = "2s")
    private String timeout = "2s";

    /** lookup: {@code dead-letter} (refuse the event) or {@code continue} (go on, marked). */
    @UriParam(defaultValue = "dead-letter", enums = "dead-letter,continue")
    private OnFailure onFailure = OnFailure.DEAD_LETTER;

    public String getEnricher() {
        return enricher;
    }

    /** Accepts {@code metadata} or {@code lookup}. */
    public void setEnricher(String enricher) {
        if (!METADATA.equals(enricher) && !LOOKUP.equals(enricher)) {
            throw new IllegalArgumentException("eda-enrich: expects '" + METADATA + "' or '" + LOOKUP + "', was '" + enricher + "'");
        }
        this.enricher = enricher;
    }

    public String getUri() {
        return uri;
    }

    public void setUri(String uri) {
        this.uri = uri;
    }

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getField() {
        return field;
    }

    public void setField(String field) {
        this.field = field;
    }

    public int getCacheSize() {
        return cacheSize;
    }

    public void setCacheSize(int cacheSize) {
        this.cacheSize = cacheSize;
    }

    public String getCacheTtl() {
        return cacheTtl;
    }

    public void setCacheTtl(String cacheTtl) {
        this.cacheTtl = cacheTtl;
    }

    public String getTimeout() {
        return timeout;
    }

    public void setTimeout(String timeout) {
        this.timeout = timeout;
    }

    public OnFailure getOnFailure() {
        return onFailure;
    }

    /** Accepts {@code dead-letter} or {@code continue}. */
    public void setOnFailure(String onFailure) {
        this.onFailure = switch (onFailure == null ? "" : onFailure.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "dead-letter", "dead_letter" -> OnFailure.DEAD_LETTER;
            case "continue" -> OnFailure.CONTINUE;
            default -> throw new IllegalArgumentException("eda-enrich onFailure must be 'dead-letter' or 'continue', was '" + onFailure + "'");
        };
    }

    long cacheTtlMillis() {
        return TimeUtils.toMilliSeconds(cacheTtl);
    }

    long timeoutMillis() {
        return TimeUtils.toMilliSeconds(timeout);
    }
}
