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
 * The {@code camel.component.inngest-function.*} properties stay in step with the inngest-function component: one per
 * component option of its JSON, of the same type; and the configuration metadata IDEs read lists them.
 */
class InngestFunctionComponentConfigurationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode resource(String name) throws Exception {
        try (InputStream in = InngestFunctionComponentConfigurationTest.class.getClassLoader().getResourceAsStream(name)) {
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
        resource("META-INF/io/camelinngest/inngest-function.json").path("componentProperties").properties()
                .forEach(e -> options.put(e.getKey(), boxed(e.getValue().path("javaType").asText())));

        Map<String, String> properties = new TreeMap<>();
        for (Method m : InngestFunctionComponentConfiguration.class.getDeclaredMethods()) {
            if (m.getName().startsWith("set") && m.getParameterCount() == 1) {
                String name = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
                properties.put(name, m.getParameterTypes()[0].getName());
            }
        }

        assertThat(options).containsKeys("appId", "servePath", "serveOrigin", "syncOnStart");
        assertThat(properties).isEqualTo(options);
    }

    @Test
    void theConfigurationMetadataListsTheProperties() throws Exception {
        Map<String, JsonNode> metadata = new LinkedHashMap<>();
        resource("META-INF/spring-configuration-metadata.json").path("properties")
                .forEach(p -> metadata.put(p.path("name").asText(), p));

        assertThat(metadata).containsKeys("camel.component.inngest-function.app-id",
                "camel.component.inngest-function.serve-path", "camel.component.inngest-function.serve-origin",
                "camel.component.inngest-function.sync-on-start", "camel.component.inngest-function.enabled");
        assertThat(metadata.get("camel.component.inngest-function.serve-origin").path("description").asText())
                .contains("INNGEST_SERVE_ORIGIN");
        assertThat(metadata.get("camel.component.inngest-function.sync-on-start").path("type").asText())
                .isEqualTo("java.lang.Boolean");
        // the connection stays the inngest component's: no second set of keys
        assertThat(metadata).doesNotContainKey("camel.component.inngest-function.signing-key");
    }
}
