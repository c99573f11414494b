package io.camelinngest.gateway;

import java.util.Map;

import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.InitializeResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the server says about itself and how it words a refusal, through the official MCP Java SDK client: only the
 * capabilities it has (tools, whose list never changes), and argument errors that name the parameter.
 */
class McpProtocolTest extends GatewayTestSupport {

    @Test
    void advertisesOnlyToolsAndNoListChanges() {
        try (McpSyncClient client = mcpClient("Bearer " + TOKEN)) {
            InitializeResult init = client.initialize();

            assertThat(init.capabilities().tools()).isNotNull();
            assertThat(init.capabilities().tools().listChanged()).isNotEqualTo(Boolean.TRUE);
            assertThat(init.capabilities().logging()).isNull();
            assertThat(init.capabilities().resources()).isNull();
            assertThat(init.capabilities().prompts()).isNull();
        }
    }

    @Test
    void aMissingOrMisspeltArgumentIsNamed() {
        try (McpSyncClient client = mcpClient("Bearer " + TOKEN)) {
            client.initialize();

            CallToolResult missing = client.callTool(new CallToolRequest("getrun", Map.of()));
            CallToolResult misspelt
                    = client.callTool(new CallToolRequest("getrun", Map.of("runID", "01JWNNSVKR5DW3DMHK620M933E")));

            for (CallToolResult result : new CallToolResult[] { missing, misspelt }) {
                assertThat(result.isError()).isTrue();
                String text = ((TextContent) result.content().get(0)).text();
                assertThat(text).doesNotContain("{1}").doesNotContain("{0}");
            }
            assertThat(((TextContent) missing.content().get(0)).text()).contains("runId").contains("required");
            assertThat(((TextContent) misspelt.content().get(0)).text()).contains("runID");
        }
        assertThat(requestsToInngest()).isZero();
    }
}
