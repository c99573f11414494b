// One flow through the gateway's MCP server with the official MCP TypeScript SDK client:
// list the tools, send an event, find its run, read the run's output, cancel a sleeping run, make one failing call.
// Env: GATEWAY_MCP_URL (e.g. http://127.0.0.1:9090/mcp), INNGEST_GATEWAY_TOKEN, ORDER (a unique order number).
// Prints one JSON line with what it saw; exits 1 on any failure.
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const url = process.env.GATEWAY_MCP_URL;
const token = process.env.INNGEST_GATEWAY_TOKEN;
const order = process.env.ORDER;
if (!url || !token || !order) {
  console.error("set GATEWAY_MCP_URL, INNGEST_GATEWAY_TOKEN and ORDER");
  process.exit(2);
}

const client = new Client({ name: "gateway-flow.mjs", version: "1.0.0" });
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } },
});

async function call(name, args) {
  const result = await client.callTool({ name, arguments: args });
  if (result.isError) {
    throw new Error(`${name} failed: ${result.content?.[0]?.text}`);
  }
  return result.structuredContent;
}

async function until(what, probe, seconds = 90) {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function runOf(eventId) {
  return until(`a run of event ${eventId}`, async () => {
    const runs = (await call("listeventruns", { eventId })).data;
    return runs.length > 0 ? runs[0].run_id : null;
  });
}

try {
  await client.connect(transport);
  const tools = (await client.listTools()).tools;
  const getrun = tools.find((t) => t.name === "getrun");

  const [eventId] = (await call("sendevents", {
    eventKey: "unused",
    events: [{ name: "shop/order.paid", data: { order } }],
  })).ids;
  const runId = await runOf(eventId);
  const run = await until(`run ${runId} to complete`, async () => {
    const r = (await call("getrun", { runId })).data;
    return r.status === "Completed" ? r : null;
  });
  if (run.output?.tracking !== `TRK-${order}`) {
    throw new Error(`unexpected output ${JSON.stringify(run.output)}`);
  }

  const [slowEventId] = (await call("sendevents", {
    eventKey: "unused",
    events: [{ name: "acc/slow", data: { key: `node-${order}` } }],
  })).ids;
  const slowRunId = await runOf(slowEventId);
  await call("cancelrun", { runId: slowRunId });
  const cancelled = await until(`run ${slowRunId} to be cancelled`, async () => {
    const r = (await call("getrun", { runId: slowRunId })).data;
    return r.status === "Cancelled" ? r : null;
  });

  const failed = await client.callTool({ name: "getrun", arguments: { runId: "01ZZZZZZZZZZZZZZZZZZZZZZZZ" } });

  console.log(JSON.stringify({
    client: "@modelcontextprotocol/sdk",
    tools: tools.map((t) => t.name),
    getrunHints: getrun.annotations,
    eventId,
    runId,
    status: run.status,
    output: run.output,
    cancelled: { runId: slowRunId, status: cancelled.status },
    errorCall: { isError: failed.isError === true, text: failed.content?.[0]?.text },
  }));
  await client.close();
  process.exit(0);
} catch (e) {
  console.error(`gateway-flow.mjs: ${e.stack ?? e}`);
  process.exit(1);
}
