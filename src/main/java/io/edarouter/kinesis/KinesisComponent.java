package io.edarouter.kinesis;

import java.net.URI;
import java.util.Map;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.KinesisClientBuilder;

/**
 * The {@code eda-kinesis:} component: Amazon Kinesis Data Streams as an input of the pipeline and a dispatch target,
 * on the AWS SDK's {@link KinesisClient}, one per component. Its consumer ({@link KinesisConsumer}) reads the shards
 * it holds leases for and checkpoints each in the event store's database only once a batch was stored and
 * dispatched; its producer ({@link KinesisProducer}) sends with {@code PutRecords}, the partition key being the
 * event's stream.
 *
 * <pre>
 * - from: {uri: "eda-kinesis:order-events?batchSize=500", steps: [...]}   # body: List&lt;Exchange&gt;, one shard's batch
 * - to: "eda-kinesis:inventory-events"
 * </pre>
 *
 * The client's region, endpoint and credentials are component options; left unset they are the {@code eda.kinesis.*}
 * keys. With an endpoint override (kinesalite, LocalStack) the client speaks JSON instead of CBOR
 * ({@code aws.cborEnabled=false}, set here for the JVM unless set already): kinesalite mis-stores CBOR records.
 */
@org.apache.camel.spi.annotations.Component(KinesisComponent.SCHEME)
public class KinesisComponent extends DefaultComponent {

    public static final String SCHEME = "eda-kinesis";
    static final String CBOR_PROPERTY = "aws.cborEnabled";

    private static final Logger LOG = LoggerFactory.getLogger(KinesisComponent.class);

    /** The AWS region of the streams; unset: key {@code eda.kinesis.region}. */
    @Metadata
    private String region;
    /** Endpoint override, e.g. {@code http://127.0.0.1:4567} (kinesalite); unset: key {@code eda.kinesis.endpoint}, blank: AWS's. */
    @Metadata
    private String endpoint;
    /** Access key id; unset: key {@code eda.kinesis.access-key}, blank: the SDK's default credentials chain. */
    @Metadata(secret = true)
    private String accessKey;
    /** Secret access key; unset: key {@code eda.kinesis.secret-key}. */
    @Metadata(secret = true)
    private String secretKey;

    private KinesisClient client;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("eda-kinesis: needs a stream name, e.g. eda-kinesis:order-events");
        }
        KinesisConfiguration configuration = new KinesisConfiguration();
        configuration.setStream(remaining);
        KinesisEndpoint endpoint = new KinesisEndpoint(uri, this, configuration);
        setProperties(configuration, parameters);
        if (configuration.getBatchSize() < 1 || configuration.getBatchSize() > 10_000 || configuration.getPollInterval() < 0
                || configuration.getLeaseMillis() < 1000) {
            throw new IllegalArgumentException("eda-kinesis:" + remaining + ": batchSize must be 1 to 10000 (GetRecords'"
                    + " limit), pollInterval not negative, leaseMillis at least 1000 (batchSize=" + configuration.getBatchSize()
                    + ", pollInterval=" + configuration.getPollInterval() + ", leaseMillis=" + configuration.getLeaseMillis() + ")");
        }
        return endpoint;
    }

    /** The component's client, made on first use. */
    synchronized KinesisClient client() {
        if (client == null) {
            client = newClient();
        }
        return client;
    }

    private KinesisClient newClient() {
        String regionName = option(region, "eda.kinesis.region");
        String endpointUri = option(endpoint, "eda.kinesis.endpoint");
        String access = option(accessKey, "eda.kinesis.access-key");
        String secret = option(secretKey, "eda.kinesis.secret-key");
        KinesisClientBuilder builder = KinesisClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder());
        if (regionName != null) {
            builder.region(Region.of(regionName));
        }
        if (endpointUri != null) {
            if (System.getProperty(CBOR_PROPERTY) == null) {
                System.setProperty(CBOR_PROPERTY, "false");
            }
            builder.endpointOverride(URI.create(endpointUri));
        }
        AwsCredentialsProvider credentials = access != null && secret != null
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(access, secret))
                : DefaultCredentialsProvider.builder().build();
        builder.credentialsProvider(credentials);
        LOG.info("Kinesis client: region {}, endpoint {}, {} credentials", regionName,
                endpointUri == null ? "of AWS" : endpointUri, access != null ? "static" : "default chain");
        return builder.build();
    }

    /** The option's value, else the key's; null when both are unset or blank. */
    private String option(String value, String key) {
        String chosen = value != null ? value
                : getCamelContext().getPropertiesComponent().resolveProperty(key).orElse(null);
        return chosen == null || chosen.isBlank() ? null : chosen.trim();
    }

    @Override
    protected synchronized void doStop() throws Exception {
        if (client != null) {
            client.close();
            client = null;
        }
        super.doStop();
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public String getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(String endpoint) {
        this.endpoint = endpoint;
    }

    public String getAccessKey() {
        return accessKey;
    }

    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }
}
