package io.camelinngest;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kamelets as the jar ships them (classpath {@code kamelets/}, version filled in) follow the rules the
 * camel-kamelets catalog validator enforces: name and type label, titles and descriptions, credentials marked as
 * secrets, the dependency on this artifact, sources ending in {@code kamelet:sink}, sinks starting from
 * {@code kamelet:source}, and every property declared and used.
 */
class KameletCatalogRulesTest {

    /**
     * The source whose messages are Inngest's calls of a served function. Two rules differ for it: it starts from
     * {@code inngest-function:} (the serving component), not {@code inngest:}; and it declares no {@code dev} (nor keys
     * or base URLs), because a served function has no connection options of its own: the app syncs and checks requests
     * with the inngest component's configuration, shared by every function of the CamelContext.
     */
    private static final String FUNCTION_SOURCE = "inngest-function-source";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\??([A-Za-z0-9]+)}}");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String name) throws IOException {
        try (InputStream in = KameletCatalogRulesTest.class.getResourceAsStream("/kamelets/" + name + ".kamelet.yaml")) {
            assertThat(in).as(name + " in the jar at kamelets/").isNotNull();
            return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromInputStream(in);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T at(Map<String, Object> map, String... path) {
        Object node = map;
        for (String key : path) {
            node = ((Map<String, Object>) node).get(key);
        }
        return (T) node;
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "inngest-source", "inngest-run-status-source", "inngest-function-source", "inngest-sink",
            "inngest-action" })
    @SuppressWarnings("unchecked")
    void followsTheCatalogRules(String name) throws IOException {
        Map<String, Object> kamelet = load(name);
        String type = name.substring(name.lastIndexOf('-') + 1);

        assertThat((String) at(kamelet, "kind")).isEqualTo("Kamelet");
        assertThat((String) at(kamelet, "metadata", "name")).isEqualTo(name);
        assertThat((String) at(kamelet, "metadata", "labels", "camel.apache.org/kamelet.type")).isEqualTo(type);
        assertThat((String) at(kamelet, "metadata", "annotations", "camel.apache.org/kamelet.icon"))
                .startsWith("data:image/svg+xml;base64,");

        Map<String, Object> definition = at(kamelet, "spec", "definition");
        assertThat((String) definition.get("title")).startsWith("Inngest ")
                .endsWith(Character.toUpperCase(type.charAt(0)) + type.substring(1));
        assertThat((String) definition.get("description")).isNotBlank();
        assertThat(definition.get("type")).isEqualTo("object");
        Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) definition.get("properties");
        List<String> required = (List<String>) definition.getOrDefault("required", List.of());
        assertThat(properties.keySet()).containsAll(required);
        if (name.equals(FUNCTION_SOURCE)) {
            assertThat(properties).doesNotContainKeys("dev", "signingKey", "eventKey", "baseUrl");
        } else {
            assertThat(properties).containsKey("dev");
        }
        properties.forEach((property, schema) -> {
            assertThat((String) schema.get("title")).as(property + " title").matches("[A-Z][A-Za-z]*( [A-Z][A-Za-z]*)*")
                    .doesNotStartWith("The ").doesNotStartWith("A ").doesNotStartWith("An ");
            assertThat((String) schema.get("description")).as(property + " description").isNotBlank();
            assertThat((String) schema.get("type")).as(property + " type").isNotBlank();
            boolean secret = property.endsWith("Key");
            assertThat(schema.get("format")).as(property + " format").isEqualTo(secret ? "password" : null);
            if (secret) {
                assertThat((List<String>) schema.get("x-descriptors")).as(property + " x-descriptors")
                        .contains("urn:camel:group:credentials", "urn:alm:descriptor:com.tectonic.ui:password");
            }
        });

        assertThat((List<String>) at(kamelet, "spec", "dependencies"))
                .contains("camel:kamelet")
                .anySatisfy(d -> assertThat(d).matches("mvn:io\\.camelinngest:camel-inngest:\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"));

        Map<String, Object> template = at(kamelet, "spec", "template");
        String from = at(template, "from", "uri");
        List<Object> steps = at(template, "from", "steps");
        if (type.equals("source")) {
            assertThat(from).startsWith(name.equals(FUNCTION_SOURCE) ? "inngest-function:" : "inngest:");
            assertThat(steps.get(steps.size() - 1)).isEqualTo(Map.of("to", "kamelet:sink"));
        } else {
            assertThat(from).isEqualTo("kamelet:source");
        }

        String templateText = new Dump(DumpSettings.builder().build()).dumpToString(template);
        Set<String> used = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(templateText);
        while (m.find()) {
            used.add(m.group(1));
        }
        assertThat(used).as("properties used in the template").isEqualTo(new TreeSet<>(properties.keySet()));
        assertThat(kamelet.toString()).doesNotContain("@project.version@");
    }
}
