package io.camelinngest.docscheck;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Turns the ```java blocks of one doc into Java sources and compiles them together with javac, against this module's
 * test classpath (what a user's project has with the modules the docs name).
 *
 * <ul>
 * <li>A block that declares a class is a whole file: compiled as it is when it has its imports, else with
 * {@link #DEFAULT_IMPORTS} put before it.</li>
 * <li>A block that starts with a method declaration is put in a class.</li>
 * <li>Any other block is route code: the body of a {@code RouteBuilder.configure()}, where {@code from(...)},
 * {@code onException(...)} and {@code getContext()} are, and where a {@code given} marker's variables are fields.</li>
 * </ul>
 */
final class JavaSnippets {

    /** What a block without imports is compiled with: the packages the docs' classes come from. */
    static final List<String> DEFAULT_IMPORTS = List.of(
            "java.io.*", "java.time.*", "java.util.*", "java.util.concurrent.*", "java.net.http.HttpRequest",
            "org.apache.camel.*", "org.apache.camel.builder.*",
            "org.apache.camel.support.processor.state.*",
            "io.camelinngest.*", "io.camelinngest.model.*", "io.camelinngest.client.InngestApiException",
            "io.camelinngest.consumer.*", "io.camelinngest.state.*", "io.camelinngest.jdbc.*", "io.camelinngest.testing.*",
            "org.apache.camel.cluster.*", "org.apache.camel.impl.cluster.*",
            "org.apache.camel.component.zookeeper.cluster.*",
            "org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration",
            "org.apache.curator.framework.*", "org.apache.curator.framework.state.ConnectionState",
            "org.apache.curator.retry.ExponentialBackoffRetry",
            "io.modelcontextprotocol.client.*", "io.modelcontextprotocol.client.transport.*",
            "io.modelcontextprotocol.spec.McpSchema.CallToolRequest", "io.modelcontextprotocol.spec.McpSchema.CallToolResult",
            "org.springframework.boot.autoconfigure.SpringBootApplication", "org.springframework.context.annotation.Bean");

    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:@\\w+(?:\\(.*\\))?\\s+)*(?:public\\s+|final\\s+|abstract\\s+)*(?:class|interface|record)\\s+(\\w+)");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+);");
    private static final Pattern METHOD = Pattern.compile("^(?:public|protected|private|static)\\b[^=;]*\\(");

    /** A source made from a block, and how it was made. */
    record Source(DocBlocks.Block block, String kind, String className, String text) {
    }

    /** The outcome of compiling one doc's blocks. */
    record Result(List<Source> sources, List<String> errors, Path classes) {

        /** A class loader for the compiled snippets, over this test's classes. */
        ClassLoader loader() {
            try {
                return new URLClassLoader(new URL[] { classes.toUri().toURL() }, JavaSnippets.class.getClassLoader());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private JavaSnippets() {
    }

    static Source sourceOf(DocBlocks.Block block, int index) {
        String code = block.code();
        String imports = code.lines().anyMatch(l -> l.startsWith("import ")) ? "" : defaultImports();
        Matcher type = TYPE.matcher(code);
        if (type.find()) {
            Matcher pkg = PACKAGE.matcher(code);
            String name = (pkg.find() ? pkg.group(1) + "." : "") + type.group(1);
            String text
                    = pkg.reset().find() ? code.replaceFirst("(?m)^(package\\s+[\\w.]+;)", "$1\n" + imports) : imports + code;
            return new Source(block, "class", name, text);
        }
        String name = "Snippet" + index + "_" + block.doc().replaceAll("\\W", "_").toLowerCase(Locale.ROOT);
        String firstLine = code.lines().filter(l -> !l.isBlank() && !l.trim().startsWith("//")).findFirst().orElse("");
        if (METHOD.matcher(firstLine.trim()).find()) {
            return new Source(block, "method", name, imports + "class " + name + " {\n" + block.given() + code + "}\n");
        }
        return new Source(
                block, "route code", name, imports + "class " + name + " extends RouteBuilder {\n" + block.given()
                                           + "    @Override\n    public void configure() throws Exception {\n"
                                           + code + "    }\n}\n");
    }

    private static String defaultImports() {
        StringBuilder text = new StringBuilder();
        DEFAULT_IMPORTS.forEach(i -> text.append("import ").append(i).append(";\n"));
        return text.toString();
    }

    /** Compiles the given blocks of one doc together (a doc's test may use its route class). */
    static Result compile(List<DocBlocks.Block> blocks) throws IOException {
        List<Source> sources = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            sources.add(sourceOf(blocks.get(i), i + 1));
        }
        Path classes = Files.createTempDirectory("doc-snippets");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<JavaFileObject, Source> files = new LinkedHashMap<>();
        for (Source source : sources) {
            String path = source.className().replace('.', '/') + ".java";
            files.put(new SimpleJavaFileObject(URI.create("string:///" + path), JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source.text();
                }
            }, source);
        }
        List<String> options = List.of("-classpath", classpath(), "-d", classes.toString(), "-proc:none",
                "-Xlint:none", "--release", "17");
        boolean ok = javac.getTask(null, null, diagnostics, options, null, files.keySet()).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                Source source = files.get(d.getSource());
                String line = d.getLineNumber() < 1 ? "" : source == null ? "" : source.text().lines()
                        .skip(d.getLineNumber() - 1).findFirst().orElse("").trim();
                errors.add((source == null ? "?" : source.block().toString()) + ": " + d.getMessage(Locale.ROOT)
                           + (line.isEmpty() ? "" : "\n    at: " + line));
            }
        }
        if (!ok && errors.isEmpty()) {
            errors.add("javac failed without a diagnostic");
        }
        return new Result(sources, errors, classes);
    }

    /** This test's classpath, as surefire gives it (directly, or through its booter jar's manifest). */
    private static String classpath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String cp = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        return String.join(File.pathSeparator, cp.split(File.pathSeparator));
    }
}
