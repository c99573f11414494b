package io.camelinngest.docs;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated options page ({@code docs/reference/options.md}, written by {@link OptionsDocGenerator} earlier in the
 * same build) documents every option and header of the component JSON, in the right section, with its default, type and
 * secret mark, and matches what the generator renders from the current metadata.
 */
class OptionsDocTest {

    /** Surefire runs in the module directory; the docs live at the repository root. */
    private static final Path PAGE = Path.of("..", "docs", "reference", "options.md");

    private static JsonNode json;
    private static String page;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = OptionsDocTest.class.getResourceAsStream("/META-INF/io/camelinngest/inngest.json")) {
            assertThat(in).as("component JSON on the classpath").isNotNull();
            json = new ObjectMapper().readTree(in);
        }
        assertThat(PAGE).as("generated options page").exists();
        page = Files.readString(PAGE, StandardCharsets.UTF_8);
    }

    @Test
    void startsWithTheGeneratedMarker() {
        assertThat(page.lines().findFirst()).hasValueSatisfying(first -> assertThat(first)
                .startsWith(OptionsDocGenerator.GENERATED_MARKER).contains("inngest.json").contains("Do not edit"));
    }

    @Test
    void everyComponentOptionHasARowInTheComponentSection() {
        assertRows(section("## Component options", "## Endpoint options"), json.path("componentProperties"));
    }

    @Test
    void everyEndpointOptionHasARowInTheEndpointSection() {
        String endpoint = section("## Endpoint options", "## Message headers");
        assertRows(endpoint, json.path("properties"));
        assertThat(section("### Path parameters", "### Query parameters")).contains("| `operation` *(required)* |")
                .contains("`sendEvents`", "`deleteCancellation`");
    }

    @Test
    void everyHeaderHasARowInTheHeaderSection() {
        String headers = section("## Message headers", null);
        assertRows(headers, json.path("headers"));
        assertThat(headers).contains("Constant: `InngestConstants.EVENT_IDS`");
    }

    @Test
    void optionsAreGroupedByTheirGroup() {
        String endpoint = section("## Endpoint options", "## Message headers");
        List<String> headings = new ArrayList<>();
        json.path("properties").forEach(option -> {
            if (!"path".equals(option.path("kind").asText())) {
                String group = option.path("group").asText();
                String heading = "#### " + Character.toUpperCase(group.charAt(0)) + group.substring(1) + " (";
                if (!headings.contains(heading)) {
                    headings.add(heading);
                }
            }
        });
        assertThat(headings).contains("#### Producer (", "#### Security (", "#### Advanced (");
        for (String heading : headings) {
            assertThat(endpoint).contains(heading);
        }
        // the signing key sits in the security table, not among the producer options
        String security = endpoint.substring(endpoint.indexOf("#### Security ("));
        assertThat(security).contains("| `signingKey` *(secret)* |");
    }

    @Test
    void theCommittedPageIsWhatTheGeneratorRendersFromTheCurrentMetadata() {
        assertThat(page).isEqualTo(OptionsDocGenerator.render(json));
    }

    private static void assertRows(String section, JsonNode options) {
        assertThat(options.size()).isPositive();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) options::fields) {
            String name = e.getKey();
            JsonNode option = e.getValue();
            String row = row(section, name);
            assertThat(row).as("row of %s", name).isNotNull();
            if (option.path("secret").asBoolean()) {
                assertThat(row).as("secret mark of %s", name).contains("*(secret)*");
            } else {
                assertThat(row).as("no secret mark on %s", name).doesNotContain("(secret)");
            }
            JsonNode defaultValue = option.get("defaultValue");
            String[] cells = row.split(" \\| ");
            assertThat(cells).as("cells of %s", name).hasSize(4);
            if (defaultValue != null) {
                assertThat(cells[2]).as("default of %s", name).isEqualTo("`" + defaultValue.asText() + "`");
            } else {
                assertThat(cells[2]).as("default of %s", name).isEmpty();
            }
            String description = option.path("description").asText().replaceAll("\\s+", " ");
            String firstWords = description.split("[<>&|]")[0].strip();
            assertThat(cells[1]).as("description of %s", name).contains(firstWords);
            assertThat(cells[3]).as("type of %s", name).startsWith("`").endsWith("` |");
        }
    }

    /** The table row of an option, or null. */
    private static String row(String section, String name) {
        return section.lines().filter(l -> l.startsWith("| `" + name + "`")).findFirst().orElse(null);
    }

    private static String section(String start, String end) {
        int from = page.indexOf(start);
        assertThat(from).as("section %s", start).isNotNegative();
        int to = end == null ? page.length() : page.indexOf(end, from);
        assertThat(to).as("end of section %s", start).isGreaterThan(from);
        return page.substring(from, to);
    }
}
