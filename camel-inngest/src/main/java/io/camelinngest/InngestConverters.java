package io.camelinngest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Collection;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.spi.TypeConverterRegistry;

import io.camelinngest.client.InngestJson;

/**
 * Lets routes read the component's results as JSON: {@code getBody(String.class)} (and {@code byte[]},
 * {@code InputStream}) gives the JSON the API speaks, {@code getBody(Map.class)} a map, for a model record or a list
 * of them.
 */
@Converter(generateLoader = true)
public final class InngestConverters {

    private static final String MODEL_PACKAGE = "io.camelinngest.model";

    private InngestConverters() {
    }

    @Converter(fallback = true)
    public static Object convertTo(Class<?> type, Exchange exchange, Object value, TypeConverterRegistry registry)
            throws JsonProcessingException {
        if (!isModel(value)) {
            return null;
        }
        if (type == String.class) {
            return InngestJson.mapper().writeValueAsString(value);
        }
        if (type == byte[].class) {
            return InngestJson.mapper().writeValueAsBytes(value);
        }
        if (type == InputStream.class) {
            return new ByteArrayInputStream(InngestJson.mapper().writeValueAsBytes(value));
        }
        if (type == JsonNode.class) {
            return InngestJson.mapper().valueToTree(value);
        }
        if (type == Map.class && !(value instanceof Collection<?>)) {
            return InngestJson.mapper().convertValue(value, Map.class);
        }
        return null;
    }

    private static boolean isModel(Object value) {
        if (value instanceof Collection<?> collection) {
            return !collection.isEmpty() && collection.stream().allMatch(InngestConverters::isModelObject);
        }
        return isModelObject(value);
    }

    private static boolean isModelObject(Object value) {
        // records only: an enum such as RunStatus converts by its name ("Completed"), not to a JSON string literal
        return value != null && !(value instanceof Enum<?>) && value.getClass().getPackageName().equals(MODEL_PACKAGE);
    }
}
