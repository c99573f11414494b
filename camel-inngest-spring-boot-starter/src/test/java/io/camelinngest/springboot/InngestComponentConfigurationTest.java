package io.camelinngest.springboot;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's properties stay in step with the component: one per component option of the component's JSON, of the
 * same type; and the configuration metadata IDEs read lists them under {@code camel.component.inngest}.
 */
class InngestComponentConfigurationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode resource(String name) throws Exception {
        try (InputStream in = InngestComponentConfigurationTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return JSON.readTree(in);
        }
    }

    private static String boxed(String javaType) {
        return switch (javaType) {
            case "boolean" -> "java.lang.Boolean";
            case "int" -> "java.lang.Integer";
            case "long" -> "java.lang.Long";
            default -> javaType.replaceAll("<.*>", "");
        };
    }

    @Test
    void everyComponentOptionIsAPropertyOfTheSameType() throws Exception {
        Map<String, String> options = new TreeMap<>();
        resource("META-INF/io/camelinngest/inngest.json").path("componentProperties").properties()
                .forEach(e -> options.put(e.getKey(), boxed(e.getValue().path("javaType").asText())));

        Map<String, String> properties = new TreeMap<>();
        for (Method m : InngestComponentConfiguration.class.getDeclaredMethods()) {
            if (m.getName().startsWith("set") && m.getParameterCount() == 1) {
                String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                properties.put(name, m.getParameterTypes()[0].getName());
            }
        }

        assertThat(properties).isEqualTo(options);
    }

    @Test
    void theConfigurationMetadataListsTheProperties() throws Exception {
        Map<String, JsonNode> metadata = new LinkedHashMap<>();
        resource("META-INF/spring-configuration-metadata.json").path("properties")
                .forEach(p -> metadata.put(p.path("name").asText(), p));

        assertThat(metadata).containsKeys("camel.component.inngest.signing-key", "camel.component.inngest.event-key",
                "camel.component.inngest.dev", "camel.component.inngest.base-url", "camel.component.inngest.run-poll-interval",
                "camel.component.inngest.enabled");
        assertThat(metadata.get("camel.component.inngest.dev").path("description").asText()).contains("Dev Server mode");
        assertThat(metadata.get("camel.component.inngest.signing-key").path("type").asText()).isEqualTo("java.lang.String");
    }
}
