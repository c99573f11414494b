package io.camelinngest.docscheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fenced code blocks of the user docs (README.md and docs/**.md), read from the files themselves, each with the
 * heading it stands under and its marker: an HTML comment on the line(s) just before the fence,
 * {@code <!-- snippet: fragment -->} for a block that is deliberately not whole, or
 * {@code <!-- snippet: given Type name; Type name -->} for the variables a block takes from code around it.
 */
final class DocBlocks {

    /** The repository root, seen from this module's folder (where Maven runs the tests). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```(\\w*)\\s*$");
    private static final Pattern MARKER = Pattern.compile("^<!--\\s*snippet:\\s*(.*?)\\s*-->\\s*$");

    record Block(Path file, int line, String heading, String language, String code, String marker) {

        /** The file relative to the repository root, as the report names it. */
        String doc() {
            return ROOT.relativize(file).toString();
        }

        boolean isFragment() {
            return "fragment".equals(marker);
        }

        /** The declarations of a {@code given} marker, each ending with ';'; empty without one. */
        String given() {
            if (marker == null || !marker.startsWith("given ")) {
                return "";
            }
            StringBuilder fields = new StringBuilder();
            for (String declaration : marker.substring("given ".length()).split(";")) {
                if (!declaration.isBlank()) {
                    fields.append("    ").append(declaration.trim()).append(";\n");
                }
            }
            return fields.toString();
        }

        @Override
        public String toString() {
            return doc() + ":" + line + " (" + language + ", under \"" + heading + "\")";
        }
    }

    private DocBlocks() {
    }

    /** README.md and every page of docs/, in a stable order. */
    static List<Path> userDocs() {
        List<Path> docs = new ArrayList<>();
        docs.add(ROOT.resolve("README.md"));
        try (Stream<Path> files = Files.walk(ROOT.resolve("docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static List<Block> of(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Block> blocks = new ArrayList<>();
        String heading = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("#")) {
                heading = line.replaceFirst("^#+\\s*", "");
                continue;
            }
            Matcher fence = FENCE.matcher(line);
            if (!fence.matches()) {
                continue;
            }
            int start = i;
            // a block inside a list item is indented: its lines lose that indent
            int indent = fence.group(1).length();
            StringBuilder code = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).trim().startsWith("```"); i++) {
                String l = lines.get(i);
                code.append(l.length() >= indent && l.substring(0, indent).isBlank() ? l.substring(indent) : l).append('\n');
            }
            blocks.add(new Block(
                    file, start + 1, heading, fence.group(2).isEmpty() ? "text" : fence.group(2),
                    code.toString(), markerBefore(lines, start)));
        }
        return blocks;
    }

    private static String markerBefore(List<String> lines, int fence) {
        for (int j = fence - 1; j >= 0 && j >= fence - 3; j--) {
            Matcher m = MARKER.matcher(lines.get(j).trim());
            if (m.matches()) {
                return m.group(1);
            }
            if (!lines.get(j).isBlank()) {
                return null;
            }
        }
        return null;
    }
}
