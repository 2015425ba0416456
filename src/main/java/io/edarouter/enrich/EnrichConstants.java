package io.edarouter.enrich;

import org.apache.camel.spi.Metadata;

/** Headers and names of the {@code eda-enrich:} component. */
public final class EnrichConstants {

    /** On the exchange sent to a lookup endpoint: the key looked up (also its body). */
    @Metadata(javaType = "String")
    public static final String LOOKUP_KEY = "EdaLookupKey";

    /** {@code eda-error-stage} of an event dead-lettered because a lookup failed. */
    public static final String STAGE = "enrich";
    /** Metadata field where a lookup that failed under {@code onFailure=continue} is marked. */
    public static final String ENRICHMENT = "enrichment";
    /** The mark: {@code metadata.enrichment.<field> = failed}. */
    public static final String FAILED = "failed";

    private EnrichConstants() {
    }
}
