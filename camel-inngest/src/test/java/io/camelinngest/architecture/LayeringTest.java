package io.camelinngest.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The component's layers, as docs/architecture.md draws them: imports flow binding (component, endpoint, producer,
 * consumer) -> tracking -> client -> model, never back; client and tracking import no Camel type, so they can be tested
 * and benchmarked without a CamelContext; producer and consumer do not reach into each other.
 */
class LayeringTest {

    private static final String ROOT = "io.camelinngest";

    /** The component's own classes (main code only: tests may cross layers to set things up). */
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    static final ArchRule LAYERS = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage(ROOT + "..")
            .layer("Model").definedBy(ROOT + ".model..")
            .layer("Client").definedBy(ROOT + ".client..")
            .layer("Tracking").definedBy(ROOT + ".tracking..")
            // the Camel binding: the root package (component, endpoint, configuration), its generated DSL, the
            // producer, the consumers, their state repository, and the function serving of issue 20
            .layer("Binding").definedBy(ROOT, ROOT + ".dsl..", ROOT + ".producer..", ROOT + ".consumer..",
                    ROOT + ".state..", ROOT + ".function..")
            .whereLayer("Binding").mayNotBeAccessedByAnyLayer()
            .whereLayer("Tracking").mayOnlyBeAccessedByLayers("Binding")
            .whereLayer("Client").mayOnlyBeAccessedByLayers("Tracking", "Binding")
            .whereLayer("Model").mayOnlyBeAccessedByLayers("Client", "Tracking", "Binding");

    static final ArchRule NO_CAMEL_IN_CLIENT_OR_TRACKING = noClasses()
            .that().resideInAnyPackage(ROOT + ".client..", ROOT + ".tracking..", ROOT + ".model..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.camel..")
            .because("the client and the tracking of runs and events are plain Java, usable without a CamelContext");

    static final ArchRule PRODUCER_AND_CONSUMER_APART = classes()
            .that().resideInAPackage(ROOT + ".producer..")
            .should().onlyHaveDependentClassesThat().resideOutsideOfPackage(ROOT + ".consumer..")
            .andShould().onlyDependOnClassesThat().resideOutsideOfPackage(ROOT + ".consumer..");

    static final ArchRule NO_JDBC = noClasses()
            .that().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .because("the database state repository lives in camel-inngest-jdbc: the component jar holds no JDBC code");

    @Test
    void importsFlowFromTheBindingThroughTrackingToTheClientAndTheModel() {
        LAYERS.check(MAIN);
    }

    @Test
    void clientTrackingAndModelImportNoCamelType() {
        NO_CAMEL_IN_CLIENT_OR_TRACKING.check(MAIN);
    }

    @Test
    void producerAndConsumerDoNotReachIntoEachOther() {
        PRODUCER_AND_CONSUMER_APART.check(MAIN);
    }

    @Test
    void theComponentHoldsNoJdbcCode() {
        NO_JDBC.check(MAIN);
    }

    /** The rules are not vacuous: classes that cross a layer (kept in this test's sources) break them. */
    @Test
    void theRulesFailOnAnImportAcrossALayer() {
        JavaClasses offenders = new ClassFileImporter().importClasses(
                io.camelinngest.client.LayeringOffender.class, io.camelinngest.tracking.TrackingOffender.class);
        EvaluationResult layers = LAYERS.evaluate(offenders);
        EvaluationResult camel = NO_CAMEL_IN_CLIENT_OR_TRACKING.evaluate(offenders);

        assertThat(layers.hasViolation()).isTrue();
        assertThat(layers.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("LayeringOffender") && line.contains("TrackingOffender"));
        assertThat(camel.hasViolation()).isTrue();
        assertThat(camel.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("TrackingOffender") && line.contains("org.apache.camel.Exchange"));

        EvaluationResult jdbc
                = NO_JDBC.evaluate(new ClassFileImporter().importClasses(io.camelinngest.state.JdbcOffender.class));
        assertThat(jdbc.hasViolation()).isTrue();
        assertThat(jdbc.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("JdbcOffender") && line.contains("java.sql.Connection"));
    }
}
