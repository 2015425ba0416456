package io.edarouter.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;

import org.apache.camel.CamelContext;
import org.apache.camel.Ordered;
import org.apache.camel.spi.ContextServicePlugin;
import org.apache.camel.spi.LoadablePropertiesSource;
import org.apache.camel.spi.PropertiesComponent;

/**
 * The defaults of the {@code eda.*} keys ({@value #LOCATION} in the library jar), made the lowest-priority properties
 * source of every CamelContext: Camel discovers this plugin ({@code META-INF/services/org.apache.camel.spi.
 * ContextServicePlugin}), so a host that embeds the library sees the defaults in its routes' {@code {{eda.*}}}
 * placeholders, and any source of its own (properties locations, environment variables, override properties, and
 * the initial properties Camel otherwise asks last) wins over them. The runnable jar gets them the same way.
 */
public final class EdaDefaults implements ContextServicePlugin {

    /** On the classpath. */
    public static final String LOCATION = "eda-defaults.properties";
    static final String SOURCE_NAME = "eda-defaults";

    private static final Properties DEFAULTS = read();

    @Override
    public void load(CamelContext context) {
        addTo(context.getPropertiesComponent());
    }

    /** Adds the defaults as the lowest-priority source of {@code properties}, unless they are there already. */
    public static void addTo(PropertiesComponent properties) {
        if (properties.getPropertiesSource(SOURCE_NAME) == null) {
            properties.addPropertiesSource(new Source(properties));
        }
    }

    /** The default of a key, as written in the file (placeholders unresolved); empty for a key it does not have. */
    static Optional<String> value(String key) {
        return Optional.ofNullable(DEFAULTS.getProperty(key));
    }

    private static Properties read() {
        Properties defaults = new Properties();
        try (InputStream in = EdaDefaults.class.getClassLoader().getResourceAsStream(LOCATION)) {
            if (in == null) {
                throw new IllegalStateException(LOCATION + " is missing from the classpath: the eda-router jar is incomplete");
            }
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LOCATION, e);
        }
        return defaults;
    }

    /**
     * Answers from the defaults after every other source (the highest order is asked last), and leaves a key the
     * initial properties have to them: Camel asks those after every source.
     */
    private static final class Source implements LoadablePropertiesSource, Ordered {

        private final PropertiesComponent properties;

        Source(PropertiesComponent properties) {
            this.properties = properties;
        }

        private boolean isDefault(String name) {
            Properties initial = properties instanceof org.apache.camel.component.properties.PropertiesComponent camel
                    ? camel.getInitialProperties() : null;
            return DEFAULTS.containsKey(name) && (initial == null || initial.get(name) == null);
        }

        @Override
        public String getName() {
            return SOURCE_NAME;
        }

        @Override
        public String getProperty(String name) {
            return isDefault(name) ? DEFAULTS.getProperty(name) : null;
        }

        @Override
        public Properties loadProperties() {
            return loadProperties(name -> true);
        }

        @Override
        public Properties loadProperties(Predicate<String> filter) {
            Properties matching = new Properties();
            DEFAULTS.stringPropertyNames().stream().filter(filter).filter(this::isDefault)
                    .forEach(name -> matching.setProperty(name, DEFAULTS.getProperty(name)));
            return matching;
        }

        @Override
        public void reloadProperties(String location) {
            // the defaults are part of the jar: nothing to reload
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST;
        }
    }
}
