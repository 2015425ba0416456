package io.edarouter.testsupport;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import static org.awaitility.Awaitility.await;

/**
 * The Amazon Kinesis of the integration tests: kinesalite 3.3.3 (npm) on the machine's Node.js, in memory, in a
 * process of its own on a free port, installed under {@code target/kinesalite-npm/} on first use. One per test JVM,
 * shared by the test classes that ask for it:
 * <pre>{@code @RegisterExtension
 * static final KinesaliteTestServer kinesis = KinesaliteTestServer.shared();}</pre>
 *
 * <p>kinesalite 3.3.3 mis-stores records put with the AWS SDK's default CBOR protocol (their data comes back as
 * {@code {"type":"Buffer",...}} and later reads fail), so every writer speaks JSON: this JVM's clients
 * ({@code aws.cborEnabled=false}, set here) and the routers, which turn CBOR off themselves once
 * {@code eda.kinesis.endpoint} is set.
 */
public final class KinesaliteTestServer extends TestBrokerProcess<KinesaliteTestServer> {

    public static final String VERSION = "3.3.3";
    /** Credentials kinesalite accepts (any). */
    public static final String ACCESS_KEY = "test";
    public static final String SECRET_KEY = "test";
    public static final String REGION = "us-east-1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);

    private static KinesaliteTestServer shared;

    private final int port;
    /** Guards {@link #client}: not the server's own monitor, which {@link #started()} holds while awaiting readiness. */
    private final Object clientLock = new Object();
    private KinesisClient client;

    private KinesaliteTestServer() {
        super("kinesalite", "it-kinesalite", START_TIMEOUT);
        System.setProperty("aws.cborEnabled", "false");
        // installed before the port is chosen, so the port is free for as short a time as possible before node binds it
        Path cli = installed();
        this.port = ExternalProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder("node", cli.toString(), "--port", String.valueOf(port),
                // streams are ACTIVE at once, not after half a second
                "--createStreamMs", "0", "--deleteStreamMs", "0", "--updateStreamMs", "0", "--shardLimit", "1000")
                .directory(runDir.toFile());
        this.process = new ExternalProcess("kinesalite", builder, runDir.resolve("kinesalite.log"));
    }

    /** The server every test class of this JVM shares; the first class that runs starts it. */
    public static synchronized KinesaliteTestServer shared() {
        if (shared == null) {
            ExternalProcess.killLeftovers("it-kinesalite");
            shared = new KinesaliteTestServer();
        }
        return shared;
    }

    /** kinesalite's command line script, installed with npm under {@code target/} unless it is there already. */
    private static Path installed() {
        Path prefix = Path.of(System.getProperty("basedir", "."), "target", "kinesalite-npm").toAbsolutePath();
        Path cli = prefix.resolve("node_modules/kinesalite/cli.js");
        if (Files.exists(cli)) {
            return cli;
        }
        ExternalProcess npm = new ExternalProcess("npm install kinesalite@" + VERSION,
                new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(),
                        "kinesalite@" + VERSION), prefix.resolveSibling("kinesalite-npm.log"));
        int exit = npm.runToExit(INSTALL_TIMEOUT);
        if (exit != 0 || !Files.exists(cli)) {
            throw new IllegalStateException("npm install kinesalite@" + VERSION + " failed (exit " + exit + "), see "
                    + prefix.resolveSibling("kinesalite-npm.log"));
        }
        return cli;
    }

    @Override
    boolean isReady() {
        client().listStreams();
        return true;
    }

    /** {@code http://127.0.0.1:<port>}, the endpoint override of a client. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The keys that make a router consume {@code stream} from this server (and send its Kinesis streams here). */
    public Map<String, String> routerKeys(String stream) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("eda.kinesis.enabled", "true");
        keys.put("eda.kinesis.stream", stream);
        keys.put("eda.kinesis.endpoint", endpoint());
        keys.put("eda.kinesis.region", REGION);
        keys.put("eda.kinesis.access-key", ACCESS_KEY);
        keys.put("eda.kinesis.secret-key", SECRET_KEY);
        // a killed instance's shards move to the others within seconds
        keys.put("eda.ingest.kinesis.lease-ms", "5000");
        keys.put("eda.ingest.kinesis.poll-interval-ms", "50");
        return keys;
    }

    /** A client of this server (JSON, not CBOR), shared; closed when the server stops. */
    public KinesisClient client() {
        synchronized (clientLock) {
            if (client == null) {
                client = KinesisClient.builder().httpClientBuilder(UrlConnectionHttpClient.builder())
                        .endpointOverride(URI.create(endpoint())).region(Region.of(REGION))
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                        .build();
            }
            return client;
        }
    }

    /** Creates a stream of {@code shards} shards and waits until it is ACTIVE. */
    public void createStream(String stream, int shards) {
        client().createStream(request -> request.streamName(stream).shardCount(shards));
        await(stream + " active").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() ->
                client().describeStreamSummary(request -> request.streamName(stream)).streamDescriptionSummary()
                        .streamStatus() == StreamStatus.ACTIVE);
    }

    /** Puts one record. */
    public void put(String stream, String partitionKey, byte[] data) {
        client().putRecord(request -> request.streamName(stream).partitionKey(partitionKey)
                .data(SdkBytes.fromByteArray(data)));
    }

    /** Puts records (key, data) in order, at most 500 per PutRecords call, each call retried until all are in. */
    public void putAll(String stream, List<String> keys, List<byte[]> values) {
        for (int from = 0; from < keys.size(); from += 500) {
            List<PutRecordsRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(keys.size(), from + 500); i++) {
                entries.add(PutRecordsRequestEntry.builder().partitionKey(keys.get(i))
                        .data(SdkBytes.fromByteArray(values.get(i))).build());
            }
            PutRecordsResponse response = client().putRecords(request -> request.streamName(stream).records(entries));
            if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                // kinesalite does not throttle; a refusal here is a broken test set-up, and a retry would reorder
                throw new IllegalStateException(response.failedRecordCount() + " records refused by kinesalite");
            }
        }
    }

    /** Every record of the stream so far, shard by shard, each shard in order. */
    public List<Record> readAll(String stream) {
        List<Record> all = new ArrayList<>();
        for (Shard shard : client().listShards(request -> request.streamName(stream)).shards()) {
            String iterator = client().getShardIterator(request -> request.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var page = client().getRecords(request -> request.shardIterator(current).limit(10_000));
                all.addAll(page.records());
                if (page.records().isEmpty()) {
                    break; // caught up
                }
                iterator = page.nextShardIterator();
            }
        }
        return all;
    }

    @Override
    protected void stop() {
        synchronized (clientLock) {
            if (client != null) {
                client.close();
                client = null;
            }
        }
        super.stop();
    }
}
