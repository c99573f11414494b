package io.camelinngest.springboot;

import io.camelinngest.InngestFunctionComponent;
import org.apache.camel.CamelContext;
import org.apache.camel.Component;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.spring.boot.ComponentConfigurationProperties;
import org.apache.camel.spring.boot.util.CamelPropertiesHelper;
import org.apache.camel.spring.boot.util.ConditionalOnCamelContextAndAutoConfigurationBeans;
import org.apache.camel.spring.boot.util.ConditionalOnHierarchicalProperties;
import org.apache.camel.spring.boot.util.HierarchicalPropertiesEvaluator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Lazy;

/**
 * Applies the {@code camel.component.inngest-function.*} properties (appId, servePath, serveOrigin, syncOnStart, ...)
 * to the inngest-function component when Camel creates it, as {@link InngestComponentAutoConfiguration} does for the
 * inngest component. The connection to Inngest (keys, dev, base URLs) stays {@code camel.component.inngest.*}: the
 * function component reads it from the inngest component.
 */
@AutoConfiguration(after = CamelAutoConfiguration.class)
@Conditional(ConditionalOnCamelContextAndAutoConfigurationBeans.class)
@EnableConfigurationProperties({ ComponentConfigurationProperties.class, InngestFunctionComponentConfiguration.class })
@ConditionalOnHierarchicalProperties({ "camel.component", "camel.component.inngest-function" })
public class InngestFunctionComponentAutoConfiguration {

    private final ApplicationContext applicationContext;
    private final CamelContext camelContext;
    private final InngestFunctionComponentConfiguration configuration;

    public InngestFunctionComponentAutoConfiguration(ApplicationContext applicationContext, CamelContext camelContext,
                                                     InngestFunctionComponentConfiguration configuration) {
        this.applicationContext = applicationContext;
        this.camelContext = camelContext;
        this.configuration = configuration;
    }

    @Lazy
    @Bean
    public ComponentCustomizer configureInngestFunctionComponent() {
        return new ComponentCustomizer() {
            @Override
            public void configure(String name, Component target) {
                CamelPropertiesHelper.copyProperties(camelContext, configuration, target);
            }

            @Override
            public boolean isEnabled(String name, Component target) {
                return HierarchicalPropertiesEvaluator.evaluate(applicationContext, "camel.component.customizer",
                        "camel.component.inngest-function.customizer")
                        && target instanceof InngestFunctionComponent;
            }
        };
    }
}
