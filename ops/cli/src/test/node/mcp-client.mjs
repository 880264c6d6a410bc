// Drives Ferrum's MCP server with the official TypeScript SDK client, exactly as an MCP
// host would. Prints one JSON object on stdout for the JUnit test to check.
// (Latency is measured by mcp-latency.mjs.)
//
//   node mcp-client.mjs contract --known SYM --slow SYM (--http URL | --stdio CMD [ARGS...])
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { performance } from "node:perf_hooks";

function parseArgs(argv) {
  const opts = { mode: argv[0] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--known") opts.known = argv[++i];
    else if (a === "--slow") opts.slow = argv[++i];
    else if (a === "--http") opts.http = argv[++i];
    else if (a === "--stdio") { opts.stdio = argv.slice(i + 1); break; }
    else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.known || (!opts.http && !opts.stdio)) throw new Error("need --known and --http or --stdio");
  return opts;
}

function transportFor(opts) {
  if (opts.http) return new StreamableHTTPClientTransport(new URL(opts.http));
  return new StdioClientTransport({ command: opts.stdio[0], args: opts.stdio.slice(1), stderr: "inherit" });
}

async function captureError(promise) {
  try {
    return { result: await promise };
  } catch (e) {
    return { error: { code: e.code ?? null, message: String(e.message ?? e) } };
  }
}

async function contract(client, transport, opts) {
  const out = {};
  out.server_version = client.getServerVersion();
  out.server_capabilities = client.getServerCapabilities();
  out.protocol_version = transport.protocolVersion ?? null;
  out.session_id = transport.sessionId ?? null;
  out.tools = (await client.listTools()).tools;
  out.known = await captureError(client.callTool({ name: "get_report", arguments: { symbol: opts.known } }));
  out.known_lower_case = await captureError(client.callTool({ name: "get_report", arguments: { symbol: opts.known.toLowerCase() } }));
  out.unknown = await captureError(client.callTool({ name: "get_report", arguments: { symbol: "NOSUCHPAIR" } }));
  out.bad_type = await captureError(client.callTool({ name: "get_report", arguments: { symbol: 42 } }));
  out.missing = await captureError(client.callTool({ name: "get_report", arguments: {} }));
  out.unknown_tool = await captureError(client.callTool({ name: "place_order", arguments: { symbol: opts.known } }));
  if (opts.slow) {
    const started = performance.now();
    out.timeout = await captureError(client.callTool({ name: "get_report", arguments: { symbol: opts.slow } }));
    out.timeout_elapsed_ms = performance.now() - started;
  }
  out.ping = await captureError(client.ping());
  return out;
}

const opts = parseArgs(process.argv.slice(2));
const transport = transportFor(opts);
const client = new Client({ name: "ferrum-contract-test", version: "1.0.0" });
await client.connect(transport);
let output;
try {
  output = await contract(client, transport, opts);
  if (opts.http) {
    await transport.terminateSession();
    output.terminated = true;
  }
} finally {
  await client.close();
}
process.stdout.write(JSON.stringify(output) + "\n");
