package io.camelinngest.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.SerializationFeature;

/** Collects the figures of a run and writes {@code results.json} and {@code results.md} (the same as a table). */
final class Report {

    private final List<Result> results = new ArrayList<>();
    private final Map<String, Object> machine = new LinkedHashMap<>();

    Report() {
        machine.put("startedAt", Instant.now().toString());
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        machine.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        machine.put("os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        machine.put("jvmArgs", ManagementFactory.getRuntimeMXBean().getInputArguments());
    }

    void add(Result result) {
        results.add(result);
        System.out.println("  " + row(result));
    }

    void write(Path dir, long elapsedMillis) throws IOException {
        Files.createDirectories(dir);
        machine.put("elapsedSeconds", elapsedMillis / 1000);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("machine", machine);
        json.put("results", results);
        Files.write(dir.resolve("results.json"),
                Fixtures.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json));
        String table = table();
        Files.writeString(dir.resolve("results.md"), table, StandardCharsets.UTF_8);
        System.out.println();
        System.out.println(table);
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append("Run of ").append(machine.get("startedAt")).append(" on ").append(machine.get("cores")).append(" cores, ")
                .append(machine.get("java")).append(", ").append(machine.get("os")).append(", ")
                .append(machine.get("elapsedSeconds")).append(" s\n\n");
        out.append("| scenario | metric | unit | component | baseline | ratio | target | pass | note |\n");
        out.append("|---|---|---|---:|---:|---:|---|---|---|\n");
        for (Result r : results) {
            out.append("| ").append(row(r)).append(" |\n");
        }
        return out.toString();
    }

    private static String row(Result r) {
        return String.join(" | ", r.scenario(), r.metric(), r.unit(), number(r.component()), number(r.baseline()),
                r.ratio() == null ? "" : String.format(Locale.ROOT, "%.3f", r.ratio()),
                r.target() == null ? "" : r.target(), r.pass() == null ? "" : r.pass() ? "yes" : "**no**",
                r.note() == null ? "" : r.note());
    }

    private static String number(Double value) {
        if (value == null) {
            return "";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
