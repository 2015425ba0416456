package io.edarouter.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edarouter.config.EdaProperties;
import io.edarouter.observe.ThrottledLog;
import io.edarouter.store.JdbcEventStore;
import io.edarouter.store.SchemaVersionTable;
import io.edarouter.store.camel.EventStoreComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The router's schema registry: the versions registered from files ({@code eda.schemas.dir}, {@code
 * <eventType>/<version>.json}) and over HTTP ({@code PUT /schemas/{eventType}}), kept in the store's database (table
 * {@code eda_schemas}), so every instance on that database serves the same versions, and a version once registered
 * never changes. Each version is compiled once, when this instance first sees it; ingest validates with the cached
 * validator. Files, and versions other instances registered, are looked at every {@code eda.schemas.reload-interval}.
 *
 * <p>One per CamelContext ({@link #of(CamelContext)}). Without a JDBC event store it keeps the versions in memory.
 */
public final class StoredSchemaRegistry extends ServiceSupport implements SchemaRegistry {

    /** Name of the registry's bean in the CamelContext's registry. */
    public static final String BEAN_NAME = "eda-schema-registry";
    static final String ORIGIN_FILE = "file";
    static final String ORIGIN_HTTP = "http";

    private static final Logger LOG = LoggerFactory.getLogger(StoredSchemaRegistry.class);
    private static final ThrottledLog RELOAD_FAILURES = new ThrottledLog(LOG, Level.WARN, "schema reload failures");
    /** Schemas are read, compared and stored with one mapper, so a version read back equals the one registered. */
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A registered version, its origin, and its compiled validator. */
    private record Entry(RegisteredSchema schema, String origin, JsonSchemaValidator validator) {
    }

    /** What became of a registration. */
    public enum Outcome {
        /** A new version was registered. */
        REGISTERED,
        /** The schema is the latest version already: nothing was registered. */
        UNCHANGED,
        /** The schema is not compatible with the latest version in the type's mode: nothing was registered. */
        INCOMPATIBLE
    }

    /**
     * The answer to a registration: the version registered (or the latest, unchanged), or the changes that make the
     * candidate incompatible with {@code previousVersion} in {@code mode}.
     */
    public record Registration(Outcome outcome, Optional<RegisteredSchema> schema, CompatibilityMode mode,
                               int previousVersion, List<SchemaChange> changes) {
    }

    private final CamelContext context;
    private final SchemaVersionTable table;
    private final Function<String, CompatibilityMode> compatibility;
    private final SchemaFiles files;
    private final Duration reloadInterval;
    /** Per type, its versions: each map is replaced, never changed, so readers need no lock. */
    private final Map<String, NavigableMap<Integer, Entry>> byType = new ConcurrentHashMap<>();
    /** Files already refused (by path and content), so an unchanged refused file is logged once. */
    private final Set<String> refusedFiles = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService reloader;

    StoredSchemaRegistry(CamelContext context, SchemaVersionTable table, Function<String, CompatibilityMode> compatibility,
            Path dir, Duration reloadInterval) {
        this.context = context;
        this.table = table;
        this.compatibility = compatibility;
        this.files = new SchemaFiles(dir);
        this.reloadInterval = reloadInterval;
    }

    /** The CamelContext's registry, made (and started) on first use. */
    public static StoredSchemaRegistry of(CamelContext context) {
        StoredSchemaRegistry found = context.getRegistry().lookupByNameAndType(BEAN_NAME, StoredSchemaRegistry.class);
        if (found != null) {
            return found;
        }
        synchronized (StoredSchemaRegistry.class) {
            found = context.getRegistry().lookupByNameAndType(BEAN_NAME, StoredSchemaRegistry.class);
            if (found != null) {
                return found;
            }
            EdaProperties properties = EdaProperties.of(context);
            StoredSchemaRegistry registry = new StoredSchemaRegistry(context, table(context),
                    type -> CompatibilityMode.parse(properties.schemasCompatibility(type)), properties.schemasDir(),
                    properties.schemasReloadInterval());
            try {
                context.addService(registry, true, true);
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the schema registry: " + e.getMessage(), e);
            }
            context.getRegistry().bind(BEAN_NAME, registry);
            return registry;
        }
    }

    /** The table of the eventstore component's database, or null to keep the versions in memory. */
    private static SchemaVersionTable table(CamelContext context) {
        try {
            EventStoreComponent component = context.getComponent("eventstore", EventStoreComponent.class);
            if (component != null && component.getEventStore() instanceof JdbcEventStore jdbc) {
                return jdbc.schemaVersions();
            }
            LOG.warn("The event store is not a JDBC one: registered schemas are kept in memory, not in its database");
        } catch (RuntimeException e) {
            LOG.warn("No event store database for the schema registry ({}): registered schemas are kept in memory",
                    e.getMessage());
        }
        return null;
    }

    @Override
    protected void doStart() {
        refresh();
        if (files.changed()) {
            loadFiles();
        }
        LOG.info("Schema registry started: {} event types, files in {}{}", byType.size(), files.dir().toAbsolutePath(),
                table == null ? ", in memory" : "");
        if (!reloadInterval.isZero() && !reloadInterval.isNegative()) {
            reloader = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "eda-schemas-reload");
            reloader.scheduleWithFixedDelay(this::reload, reloadInterval.toMillis(), reloadInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    protected void doStop() {
        if (reloader != null) {
            context.getExecutorServiceManager().shutdown(reloader);
            reloader = null;
        }
    }

    private void reload() {
        // the store's pool closes while the context stops: nothing to take up then
        if (context.isStopping() || !isRunAllowed()) {
            return;
        }
        try {
            refresh();
            if (files.changed()) {
                loadFiles();
            }
        } catch (RuntimeException e) {
            if (context.isStopping()) {
                return;
            }
            RELOAD_FAILURES.occurred("schema registry reload failed: {}", e.getMessage());
        }
    }

    @Override
    public Optional<RegisteredSchema> latest(String eventType) {
        return latestEntry(eventType).map(Entry::schema);
    }

    @Override
    public Optional<RegisteredSchema> version(String eventType, int version) {
        return entry(eventType, version).map(Entry::schema);
    }

    @Override
    public List<RegisteredSchema> versions(String eventType) {
        NavigableMap<Integer, Entry> versions = byType.get(eventType);
        return versions == null ? List.of() : versions.values().stream().map(Entry::schema).toList();
    }

    @Override
    public Set<String> eventTypes() {
        return Collections.unmodifiableSet(new TreeSet<>(byType.keySet()));
    }

    /** Where a version came from: {@code file} or {@code http}. */
    public Optional<String> origin(String eventType, int version) {
        return entry(eventType, version).map(Entry::origin);
    }

    /** The compatibility mode of the type ({@code eda.schemas.compatibility[.<eventType>]}). */
    public CompatibilityMode compatibility(String eventType) {
        return compatibility.apply(eventType);
    }

    /** The compiled validator of the type's latest version. */
    public Optional<JsonSchemaValidator> latestValidator(String eventType) {
        return latestEntry(eventType).map(Entry::validator);
    }

    /** The compiled validator of one version. */
    public Optional<JsonSchemaValidator> validator(String eventType, int version) {
        return entry(eventType, version).map(Entry::validator);
    }

    /** Reads a schema document; the reason when it is not JSON. */
    public static JsonNode readSchema(byte[] json) {
        try {
            JsonNode node = json == null || json.length == 0 ? null : JSON.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("the schema is empty: expected a JSON Schema document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the schema is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("the schema could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Registers {@code schema} as the next version of the type, unless it is the latest version already (then
     * nothing changes) or is incompatible with it in the type's compatibility mode.
     *
     * @throws IllegalArgumentException when the type's name or the schema is not valid, naming what is wrong
     */
    public synchronized Registration register(String eventType, JsonNode schema) {
        checkEventType(eventType);
        JsonSchemaValidator validator = JsonSchemaValidator.compile(schema);
        CompatibilityMode mode = compatibility(eventType);
        refresh();
        // another instance may take the next version first: then the candidate is checked against that one
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Entry> latest = latestEntry(eventType);
            int previous = latest.map(e -> e.schema().version()).orElse(0);
            if (latest.isPresent() && latest.get().schema().schema().equals(schema)) {
                return new Registration(Outcome.UNCHANGED, latest.map(Entry::schema), mode, previous, List.of());
            }
            if (latest.isPresent()) {
                List<SchemaChange> changes = SchemaCompatibility.incompatibilities(latest.get().schema().schema(), schema,
                        mode);
                if (!changes.isEmpty()) {
                    LOG.info("Schema of {} refused: incompatible ({}) with version {}: {}", eventType, mode, previous,
                            changes);
                    return new Registration(Outcome.INCOMPATIBLE, Optional.empty(), mode, previous, changes);
                }
            }
            Entry entry = new Entry(new RegisteredSchema(eventType, previous + 1, schema, now()), ORIGIN_HTTP, validator);
            if (store(entry)) {
                LOG.info("Schema of {} registered: version {} ({} compatibility)", eventType, previous + 1, mode);
                return new Registration(Outcome.REGISTERED, Optional.of(entry.schema()), mode, previous, List.of());
            }
            refresh();
        }
        throw new IllegalStateException("schema of " + eventType + " not registered: other instances kept registering"
                + " versions at the same time; try again");
    }

    /** Registers the versions of the files that are not registered yet; a file that differs from its version is refused. */
    private synchronized void loadFiles() {
        List<Path> skipped = new ArrayList<>();
        for (SchemaFiles.SchemaFile file : files.list(skipped)) {
            registerFile(file);
        }
        for (Path path : skipped) {
            refuseFile(path, "", "not a schema file: schemas are <eventType>/<version>.json, the version a whole number"
                    + " from 1");
        }
    }

    private void registerFile(SchemaFiles.SchemaFile file) {
        String text;
        try {
            text = Files.readString(file.path());
        } catch (IOException e) {
            refuseFile(file.path(), "", "cannot read it: " + e.getMessage());
            return;
        }
        JsonNode schema;
        JsonSchemaValidator validator;
        try {
            checkEventType(file.eventType());
            schema = readSchema(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            validator = JsonSchemaValidator.compile(schema);
        } catch (IllegalArgumentException e) {
            refuseFile(file.path(), text, e.getMessage());
            return;
        }
        Optional<Entry> registered = entry(file.eventType(), file.version());
        if (registered.isPresent()) {
            if (!registered.get().schema().schema().equals(schema)) {
                refuseFile(file.path(), text, "version " + file.version() + " of " + file.eventType()
                        + " is registered with another schema, and a registered version never changes: add the change"
                        + " as a new version");
            }
            return;
        }
        CompatibilityMode mode = compatibility(file.eventType());
        NavigableMap<Integer, Entry> versions = byType.getOrDefault(file.eventType(), Collections.emptyNavigableMap());
        Map.Entry<Integer, Entry> previous = versions.lowerEntry(file.version());
        if (previous != null) {
            List<SchemaChange> changes = SchemaCompatibility.incompatibilities(previous.getValue().schema().schema(),
                    schema, mode);
            if (!changes.isEmpty()) {
                refuseFile(file.path(), text, "incompatible (" + mode + ") with version " + previous.getKey() + ": "
                        + changes);
                return;
            }
        }
        Entry entry = new Entry(new RegisteredSchema(file.eventType(), file.version(), schema, now()), ORIGIN_FILE,
                validator);
        if (store(entry)) {
            LOG.info("Schema of {} registered from {}: version {}", file.eventType(), file.path(), file.version());
        } else {
            // another instance registered that version first: compare the file with what it registered
            refresh();
            registerFile(file);
        }
    }

    private void refuseFile(Path path, String text, String why) {
        if (refusedFiles.add(path + "\n" + text)) {
            LOG.warn("Schema file {} not registered: {}", path, why);
        }
    }

    /** Stores a new version; false when the database has that version already (another instance was first). */
    private boolean store(Entry entry) {
        RegisteredSchema schema = entry.schema();
        if (table != null && !table.insert(new SchemaVersionTable.Row(schema.eventType(), schema.version(),
                schema.schema().toString(), entry.origin(), schema.registeredAt()))) {
            return false;
        }
        put(entry);
        return true;
    }

    /** Takes up the versions of the database this instance does not know yet (others' registrations). */
    private void refresh() {
        if (table == null) {
            return;
        }
        for (SchemaVersionTable.Row row : table.all()) {
            if (entry(row.eventType(), row.version()).isEmpty()) {
                try {
                    JsonNode schema = JSON.readTree(row.schemaJson());
                    put(new Entry(new RegisteredSchema(row.eventType(), row.version(), schema, row.registeredAt()),
                            row.origin(), JsonSchemaValidator.compile(schema)));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    RELOAD_FAILURES.occurred("stored schema version {} of {} cannot be used: {}", row.version(),
                            row.eventType(), e.getMessage());
                }
            }
        }
    }

    private void put(Entry entry) {
        byType.compute(entry.schema().eventType(), (type, versions) -> {
            TreeMap<Integer, Entry> copy = versions == null ? new TreeMap<>() : new TreeMap<>(versions);
            copy.put(entry.schema().version(), entry);
            return Collections.unmodifiableNavigableMap(copy);
        });
    }

    private Optional<Entry> latestEntry(String eventType) {
        NavigableMap<Integer, Entry> versions = byType.get(eventType);
        return versions == null || versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    private Optional<Entry> entry(String eventType, int version) {
        NavigableMap<Integer, Entry> versions = byType.get(eventType);
        return versions == null ? Optional.empty() : Optional.ofNullable(versions.get(version));
    }

    private static void checkEventType(String eventType) {
        if (eventType == null || eventType.isBlank() || eventType.length() > 1000 || eventType.contains("/")) {
            throw new IllegalArgumentException("an event type is 1 to 1000 characters, not blank and without '/', was '"
                    + eventType + "'");
        }
    }

    /** Milliseconds, as both databases keep them. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
