package io.edarouter.routing;

import java.io.IOException;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.apache.camel.CamelContext;

/**
 * The {@code {{key}}} placeholders of a subscribers file, replaced by the configuration's values before the file is
 * read as YAML. A placeholder whose key is not set is refused naming the file, the line, and (as far as the YAML can
 * be read) the subscriber and the field.
 */
final class SubscriberPlaceholders {

    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * A placeholder: a property key (letters, digits, {@code .}, {@code _}, {@code -}) between double braces,
     * optionally with Camel's {@code :default} or function form ({@code {{env:NAME}}}). Any other run of
     * braces, such as the {@code }}} closing two flow mappings of a pattern, is YAML and stays as it is.
     */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_.-]+(?::[^{}\\r\\n]*)?)}}");
    /** Stands in for a missing property while the file is read to find where the placeholder is. */
    private static final String MISSING = "0";

    private SubscriberPlaceholders() {
    }

    /**
     * The values of a context's configuration: given what is between the braces ({@code key}, {@code key:default},
     * {@code env:NAME}), its value, or null when its key is not set.
     */
    static UnaryOperator<String> of(CamelContext context) {
        return placeholder -> {
            try {
                return context.resolvePropertyPlaceholders("{{" + placeholder + "}}");
            } catch (RuntimeException e) {
                return null;
            }
        };
    }

    /**
     * The text with comment lines blanked (line numbers stay, and a placeholder in a comment is not resolved) and
     * every placeholder replaced by its value.
     */
    static String resolve(String yaml, String location, UnaryOperator<String> properties) {
        StringBuilder resolved = new StringBuilder(yaml.length());
        String missingKey = null;
        int missingLine = 0;
        int lineNumber = 0;
        for (String line : yaml.split("\n", -1)) {
            lineNumber++;
            if (lineNumber > 1) {
                resolved.append('\n');
            }
            if (line.stripLeading().startsWith("#")) {
                continue;
            }
            Matcher placeholder = PLACEHOLDER.matcher(line);
            while (placeholder.find()) {
                String value = properties.apply(placeholder.group(1));
                if (value == null) {
                    if (missingKey == null) {
                        missingKey = placeholder.group(1);
                        missingLine = lineNumber;
                    }
                    value = MISSING;
                }
                placeholder.appendReplacement(resolved, Matcher.quoteReplacement(value));
            }
            placeholder.appendTail(resolved);
        }
        if (missingKey != null) {
            throw new IllegalArgumentException("subscribers file " + location + ", line " + missingLine
                    + where(resolved.toString(), missingLine) + ": placeholder {{" + missingKey + "}}: property '"
                    + missingKey + "' is not set; set it in application.properties (" + missingKey
                    + "=...) or pass --" + missingKey + "=...");
        }
        return resolved.toString();
    }

    /**
     * {@code ", subscriber 'NAME': field 'FIELD'"} for the subscriber and field a line belongs to, as far as the
     * YAML can be read; empty when it cannot.
     */
    private static String where(String yaml, int line) {
        String where = "";
        try (JsonParser parser = YAML.createParser(yaml)) {
            int depth = 0;
            int start = 0;
            String name = null;
            String field = null;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                int at = parser.currentTokenLocation().getLineNr();
                if (token.isStructStart()) {
                    depth++;
                    if (depth == 3 && token == JsonToken.START_OBJECT) {
                        if (at > line) {
                            break;
                        }
                        start = at;
                        name = null;
                        field = null;
                    }
                } else if (token.isStructEnd()) {
                    // the last subscriber that starts at or before the line is the one it belongs to
                    if (depth == 3 && token == JsonToken.END_OBJECT && start <= line) {
                        where = (name == null ? "" : ", subscriber '" + name + "'") + (field == null ? "" : ": field '" + field + "'");
                    }
                    depth--;
                } else if (token == JsonToken.FIELD_NAME && depth == 3) {
                    if (at <= line) {
                        field = parser.currentName();
                    }
                    if ("name".equals(parser.currentName()) && parser.nextToken().isScalarValue()) {
                        name = parser.getText();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the file is refused for the missing property anyway; the line alone has to do
        }
        return where;
    }
}
