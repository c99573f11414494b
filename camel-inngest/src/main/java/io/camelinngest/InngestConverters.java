package io.camelinngest;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.AbstractList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.camelinngest.client.InngestJson;
import org.apache.camel.Converter;
import org.apache.camel.Exchange;
import org.apache.camel.spi.TypeConverterRegistry;

/**
 * Lets routes read the component's results as JSON: {@code getBody(String.class)} (and {@code byte[]},
 * {@code InputStream}) gives the JSON the API speaks, {@code getBody(Map.class)} a map, for a model record or a list of
 * them.
 * <p>
 * Camel caches, per (value class, target type), the first fallback converter that succeeds, and a miss. A list result
 * in a plain JDK list class would share that cache slot with every other list of the same class: once any such list had
 * been converted to a String by Camel's toString fallback, model lists of that class would come out as
 * {@code [InngestEvent[...]]} too. The producer therefore puts list results in a {@link ModelList}, a class only this
 * component uses, so the cache slot is always this converter's.
 */
@Converter(generateLoader = true)
public final class InngestConverters {

    private static final String MODEL_PACKAGE = "io.camelinngest.model";

    private InngestConverters() {
    }

    /** A list result of the producer, in a class of its own (see the class comment). */
    public static <E> List<E> modelList(List<? extends E> items) {
        return new ModelList<>(items);
    }

    @Converter(fallback = true)
    public static Object convertTo(Class<?> type, Exchange exchange, Object value, TypeConverterRegistry registry)
            throws JsonProcessingException {
        if (!(value instanceof ModelList<?>) && !isModel(value)) {
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

    /**
     * An unmodifiable list of model records, as the producer returns list results (a plain {@link List} to routes; an
     * empty one converts to {@code []}).
     */
    public static final class ModelList<E> extends AbstractList<E> implements RandomAccess {

        private final List<E> items;

        ModelList(List<? extends E> items) {
            this.items = List.copyOf(items);
        }

        @Override
        public E get(int index) {
            return items.get(index);
        }

        @Override
        public int size() {
            return items.size();
        }
    }
}
