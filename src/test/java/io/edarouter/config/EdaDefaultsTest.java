package io.edarouter.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A plain CamelContext with the library on its classpath, as a host has it: the eda.* defaults, under its own keys. */
class EdaDefaultsTest {

    @Test
    void aHostsContextResolvesTheDefaultsAndItsOwnValuesWin() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().addInitialProperty("eda.input.topic", "host-orders");

            assertThat(context.resolvePropertyPlaceholders("{{eda.dead-letter.topic}}")).isEqualTo("eda-dead-letter");
            assertThat(context.resolvePropertyPlaceholders("{{eda.ingest.uri}}")).isEqualTo("kafka:host-orders");
            assertThat(EdaProperties.of(context).ingestMaxAttempts()).isEqualTo(5);
        }
    }

    @Test
    void everyKeyOfTheDefaultsFileHasCommentLinesAboveIt() throws IOException {
        List<String> undocumented = new ArrayList<>();
        List<String> lines;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EdaDefaults.LOCATION)) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith("#") && (i == 0 || !lines.get(i - 1).startsWith("#")
                    && lines.get(i - 1).isBlank())) {
                undocumented.add(line);
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void theDefaultsFileHoldsOnlyEdaKeys() throws IOException {
        Properties defaults = new Properties();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(EdaDefaults.LOCATION)) {
            defaults.load(in);
        }
        assertThat(defaults.stringPropertyNames()).isNotEmpty().allMatch(key -> key.startsWith("eda."));
    }
}
