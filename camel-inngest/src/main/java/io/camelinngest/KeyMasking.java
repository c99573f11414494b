package io.camelinngest;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.camelinngest.client.SecretMasker;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;
import org.apache.camel.NamedNode;
import org.apache.camel.spi.ModelToXMLDumper;
import org.apache.camel.spi.ModelToYAMLDumper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the keys of one component out of what Camel prints of its routes, through two extension points of Camel 4.18:
 * <ul>
 * <li>the context's additional sensitive keywords ({@code camel.main.additionalSensitiveKeywords}): the names of the
 * key options, so Camel masks them where it sanitizes a URI or a property (its endpoint DEBUG lines, the properties
 * summary of camel-main, log masking);</li>
 * <li>the context's route dumpers ({@link ModelToYAMLDumper}, {@link ModelToXMLDumper}): a route dump
 * ({@code dumpRoutes}, JMX, the route-dump dev console) prints each route as written, so the dumpers are wrapped and
 * every key this component was given is replaced by {@code xxxxxx} in what they return.</li>
 * </ul>
 * Masking values rather than option names works in every dump format (URIs, URI parameters, resolved placeholders).
 */
final class KeyMasking {

    /** The key options; "signingKey" also matches signingKeyFallback where Camel matches names by substring. */
    static final List<String> KEY_OPTIONS = List.of("signingKey", "signingKeyFallback", "eventKey");

    private static final Logger LOG = LoggerFactory.getLogger(KeyMasking.class);

    private volatile SecretMasker masker = SecretMasker.of();

    /** Registers a key to mask; null and blank values are ignored. */
    synchronized void add(String key) {
        masker = masker.with(key);
    }

    String mask(String text) {
        return masker.mask(text);
    }

    /** Adds the key option names to the context's sensitive keywords and wraps its route dumpers. */
    void install(CamelContext context) {
        ExtendedCamelContext extension = context.getCamelContextExtension();
        extension.setAdditionalSensitiveKeywords(withKeyOptions(extension.getAdditionalSensitiveKeywords()));
        ModelToYAMLDumper yaml = existing(extension, ModelToYAMLDumper.class);
        if (yaml != null && !(yaml instanceof MaskingYamlDumper wrapped && wrapped.masking() == this)) {
            extension.addContextPlugin(ModelToYAMLDumper.class, new MaskingYamlDumper(yaml, this));
        }
        ModelToXMLDumper xml = existing(extension, ModelToXMLDumper.class);
        if (xml != null && !(xml instanceof MaskingXmlDumper wrapped && wrapped.masking() == this)) {
            extension.addContextPlugin(ModelToXMLDumper.class, new MaskingXmlDumper(xml, this));
        }
    }

    /** The keywords already set (by the user or camel-main) and the key options, each once. */
    static String withKeyOptions(String keywords) {
        Set<String> all = new LinkedHashSet<>();
        if (keywords != null) {
            Arrays.stream(keywords.split(",")).map(String::trim).filter(k -> !k.isEmpty()).forEach(all::add);
        }
        all.addAll(KEY_OPTIONS);
        return String.join(",", all);
    }

    /** The dumper in use, or null when its module (camel-yaml-io, camel-xml-io) is not on the classpath. */
    private static <T> T existing(ExtendedCamelContext extension, Class<T> type) {
        try {
            return extension.getContextPlugin(type);
        } catch (RuntimeException absent) {
            LOG.debug("No {} to mask keys in: {}", type.getSimpleName(), absent.getMessage());
            return null;
        }
    }

    private record MaskingYamlDumper(ModelToYAMLDumper delegate, KeyMasking masking) implements ModelToYAMLDumper {
        @Override
        public String dumpModelAsYaml(CamelContext context, NamedNode definition) throws Exception {
            return masking.mask(delegate.dumpModelAsYaml(context, definition));
        }

        @Override
        public String dumpModelAsYaml(
                CamelContext context, NamedNode definition, boolean resolvePlaceholders,
                boolean uriAsParameters, boolean generatedIds, boolean sourceLocation)
                throws Exception {
            return masking.mask(delegate.dumpModelAsYaml(context, definition, resolvePlaceholders, uriAsParameters,
                    generatedIds, sourceLocation));
        }

        @Override
        public String dumpBeansAsYaml(CamelContext context, List<Object> beans) throws Exception {
            return masking.mask(delegate.dumpBeansAsYaml(context, beans));
        }

        @Override
        public String dumpDataFormatsAsYaml(CamelContext context, Map<String, Object> dataFormats) throws Exception {
            return masking.mask(delegate.dumpDataFormatsAsYaml(context, dataFormats));
        }
    }

    private record MaskingXmlDumper(ModelToXMLDumper delegate, KeyMasking masking) implements ModelToXMLDumper {
        @Override
        public String dumpModelAsXml(CamelContext context, NamedNode definition) throws Exception {
            return masking.mask(delegate.dumpModelAsXml(context, definition));
        }

        @Override
        public String dumpModelAsXml(
                CamelContext context, NamedNode definition, boolean resolvePlaceholders,
                boolean generatedIds, boolean sourceLocation)
                throws Exception {
            return masking.mask(delegate.dumpModelAsXml(context, definition, resolvePlaceholders, generatedIds,
                    sourceLocation));
        }

        @Override
        public String dumpBeansAsXml(CamelContext context, List<Object> beans) throws Exception {
            return masking.mask(delegate.dumpBeansAsXml(context, beans));
        }

        @Override
        public String dumpDataFormatsAsXml(CamelContext context, Map<String, Object> dataFormats) throws Exception {
            return masking.mask(delegate.dumpDataFormatsAsXml(context, dataFormats));
        }
    }
}
