package io.camelinngest.docscheck;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import org.xml.sax.InputSource;

import io.camelinngest.InngestComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * What a user pastes from README.md and docs/ works: every ```java block compiles (and the README's test runs), every
 * XML route loads into a CamelContext and is the file the examples ship, every pom snippet names this project's
 * artifacts at its version. YAML routes are loaded by camel-inngest's DocsExamplesTest. Blocks marked
 * {@code <!-- snippet: fragment -->} are counted, not compiled; the log lists the count per file and kind.
 */
class DocSnippetsTest {

    private static final Logger LOG = LoggerFactory.getLogger(DocSnippetsTest.class);

    /** Pages other engineers own whose Java needs code of theirs; none today. */
    private static final List<String> NOT_COMPILED_HERE = List.of("docs/performance.md");

    @Test
    void everyJavaBlockOfTheDocsCompiles() throws Exception {
        Map<String, String> counts = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        int compiled = 0;
        for (Path doc : DocBlocks.userDocs()) {
            String name = DocBlocks.ROOT.relativize(doc).toString();
            List<DocBlocks.Block> java = DocBlocks.of(doc).stream().filter(b -> b.language().equals("java")).toList();
            if (java.isEmpty() || NOT_COMPILED_HERE.contains(name)) {
                continue;
            }
            List<DocBlocks.Block> whole = java.stream().filter(b -> !b.isFragment()).toList();
            JavaSnippets.Result result = JavaSnippets.compile(whole);
            errors.addAll(result.errors());
            compiled += whole.size();
            Map<String, Integer> kinds = new TreeMap<>();
            result.sources().forEach(s -> kinds.merge(s.kind(), 1, Integer::sum));
            counts.put(name, whole.size() + " compiled " + kinds + ", " + (java.size() - whole.size()) + " fragments");
        }
        counts.forEach((doc, count) -> LOG.info("java blocks of {}: {}", doc, count));
        assertThat(errors).as("compile errors in the docs' Java blocks").isEmpty();
        assertThat(compiled).as("Java blocks compiled").isGreaterThanOrEqualTo(30);
    }

    @Test
    void theReadmeTestRunsGreenAsPrinted() throws Exception {
        List<DocBlocks.Block> java = DocBlocks.of(DocBlocks.ROOT.resolve("README.md")).stream()
                .filter(b -> b.language().equals("java")).toList();
        JavaSnippets.Result result = JavaSnippets.compile(java);
        assertThat(result.errors()).isEmpty();
        String testClass = result.sources().stream().map(JavaSnippets.Source::className)
                .filter(n -> n.endsWith("Test")).findFirst()
                .orElseThrow(() -> new AssertionError("no test class in README.md"));

        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        ClassLoader snippets = result.loader();
        Thread.currentThread().setContextClassLoader(snippets);
        try {
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(snippets.loadClass(testClass))).build();
            Launcher launcher = LauncherFactory.create();
            SummaryGeneratingListener listener = new SummaryGeneratingListener();
            launcher.execute(request, listener);
            TestExecutionSummary summary = listener.getSummary();
            List<String> failures = summary.getFailures().stream()
                    .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException()).toList();
            LOG.info("README's {}: {} tests, {} succeeded", testClass, summary.getTestsFoundCount(),
                    summary.getTestsSucceededCount());
            assertThat(failures).as("failures of the README's test").isEmpty();
            assertThat(summary.getTestsSucceededCount()).isPositive().isEqualTo(summary.getTestsFoundCount());
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void everyXmlRouteOfTheDocsLoadsAndIsTheFileTheExamplesShip() throws Exception {
        int loaded = 0;
        for (Path doc : DocBlocks.userDocs()) {
            for (DocBlocks.Block block : DocBlocks.of(doc)) {
                if (!block.language().equals("xml") || !block.code().contains("<routes")) {
                    continue;
                }
                // the doc's Java (the bean the route calls) compiled, and on the context's class path
                JavaSnippets.Result java = JavaSnippets.compile(DocBlocks.of(doc).stream()
                        .filter(b -> b.language().equals("java") && !b.isFragment()).toList());
                assertThat(java.errors()).isEmpty();
                try (DefaultCamelContext camel = new DefaultCamelContext()) {
                    camel.setApplicationContextClassLoader(java.loader());
                    InngestComponent inngest = new InngestComponent();
                    // keys as a deployment has them; no route is started, so nothing is called
                    inngest.getConfiguration().setDev("http://127.0.0.1:9");
                    camel.addComponent("inngest", inngest);
                    camel.setAutoStartup(false);
                    PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("doc.camel.xml", block.code()));
                    camel.start();
                    assertThat(camel.getRoutes()).as(block.toString()).isNotEmpty();
                }
                Matcher shipped = Pattern.compile("\\(([^)]*\\.camel\\.xml)\\)").matcher(Files.readString(doc));
                if (shipped.find()) {
                    Path file = doc.getParent().resolve(shipped.group(1)).normalize();
                    // the file from its root element on (its header comment is not shown)
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    assertThat(block.code().strip()).as(block + " is " + file)
                            .isEqualTo(text.substring(text.indexOf("<routes")).strip());
                }
                loaded++;
            }
        }
        LOG.info("XML routes loaded: {}", loaded);
        assertThat(loaded).isPositive();
    }

    @Test
    void everyPomSnippetNamesThisProjectsArtifactsAtItsVersion() throws Exception {
        String version = projectVersion();
        int checked = 0;
        for (Path doc : DocBlocks.userDocs()) {
            for (DocBlocks.Block block : DocBlocks.of(doc)) {
                if (!block.language().equals("xml") || !block.code().contains("<dependency>")) {
                    continue;
                }
                Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                        .parse(new InputSource(new StringReader("<dependencies>" + block.code() + "</dependencies>")));
                NodeList dependencies = xml.getElementsByTagName("dependency");
                for (int i = 0; i < dependencies.getLength(); i++) {
                    Element dependency = (Element) dependencies.item(i);
                    String group = text(dependency, "groupId");
                    String artifact = text(dependency, "artifactId");
                    if (group.equals("io.camelinngest")) {
                        assertThat(DocBlocks.ROOT.resolve(artifact).resolve("pom.xml")).as(block + ": " + artifact).exists();
                        assertThat(text(dependency, "version")).as(block + ": version of " + artifact).isEqualTo(version);
                    } else if (group.startsWith("org.apache.camel")) {
                        assertThat(text(dependency, "version")).as(block + ": Camel's version").isIn("", "4.18.0");
                    }
                }
                checked++;
            }
        }
        LOG.info("pom snippets checked: {}", checked);
        assertThat(checked).isPositive();
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }

    private static String projectVersion() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(DocBlocks.ROOT.resolve("pom.xml").toFile());
        NodeList children = pom.getDocumentElement().getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && e.getTagName().equals("version")) {
                return e.getTextContent().trim();
            }
        }
        throw new AssertionError("no version in pom.xml");
    }
}
