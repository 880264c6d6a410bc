// Measures get_report latency as an MCP host sees it: the official TypeScript SDK client
// calls get_report N times per symbol (after a warm-up) and reports p50/p90/p99/max per
// symbol and overall; every report returned is validated against the report's JSON Schema
// (outside the timed part), and the run fails (exit 1) on any error, null or invalid report.
//
//   node ops/cli/src/test/node/mcp-latency.mjs --symbols ZILUSDT,DENTUSDT [--calls 1000] [--warmup 50]
//        [--schema docs/schemas/market_report.schema.json] (--url http://127.0.0.1:PORT/mcp | --stdio CMD [ARGS...])
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { setMaxListeners } from "node:events";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import os from "node:os";

function parseArgs(argv) {
  const opts = {
    calls: 1000,
    warmup: 50,
    schema: fileURLToPath(new URL("../../../../../docs/schemas/market_report.schema.json", import.meta.url)),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--symbols") opts.symbols = argv[++i].split(",").filter((s) => s.length > 0);
    else if (a === "--calls") opts.calls = Number(argv[++i]);
    else if (a === "--warmup") opts.warmup = Number(argv[++i]);
    else if (a === "--schema") opts.schema = argv[++i];
    else if (a === "--url") opts.url = argv[++i];
    else if (a === "--stdio") { opts.stdio = argv.slice(i + 1); break; }
    else throw new Error(`unknown argument ${a}`);
  }
  if (!opts.symbols || opts.symbols.length === 0) throw new Error("need --symbols A,B,...");
  if (!opts.url === !opts.stdio) throw new Error("need exactly one of --url URL and --stdio CMD ...");
  if (!(opts.calls > 0) || !(opts.warmup >= 0)) throw new Error("--calls must be > 0 and --warmup >= 0");
  return opts;
}

function percentiles(times) {
  const sorted = [...times].sort((a, b) => a - b);
  // nearest rank: the smallest value with at least q of the calls at or below it
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const round = (ms) => Math.round(ms * 1000) / 1000;
  return { calls: sorted.length, p50_ms: round(at(0.5)), p90_ms: round(at(0.9)), p99_ms: round(at(0.99)),
    max_ms: round(sorted[sorted.length - 1]) };
}

const opts = parseArgs(process.argv.slice(2));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(opts.schema, "utf8")));

// The SDK's HTTP transport passes one AbortSignal to every fetch and Node keeps a listener per
// streamed response on it; past 1500 calls Node warns once per call. Lift the limit for the
// signals created from here on (the transport's), so that the output stays readable.
setMaxListeners(0);
const transport = opts.url ?
  new StreamableHTTPClientTransport(new URL(opts.url)) :
  new StdioClientTransport({ command: opts.stdio[0], args: opts.stdio.slice(1), stderr: "inherit" });
const client = new Client({ name: "ferrum-mcp-latency", version: "1.0.0" });
await client.connect(transport);

const failures = [];
function check(symbol, i, result) {
  const report = result.structuredContent;
  if (result.isError || !report) {
    failures.push({ symbol, call: i, result });
  } else if (!validate(report)) {
    failures.push({ symbol, call: i, schema_errors: validate.errors.slice(0, 5) });
  } else if (report.symbol !== symbol) {
    failures.push({ symbol, call: i, wrong_symbol: report.symbol });
  }
}

const all = [];
const bySymbol = {};
const statuses = {};
try {
  for (const symbol of opts.symbols) {
    for (let i = 0; i < opts.warmup; i++) {
      await client.callTool({ name: "get_report", arguments: { symbol } });
    }
    const times = [];
    for (let i = 0; i < opts.calls; i++) {
      const t0 = performance.now();
      const result = await client.callTool({ name: "get_report", arguments: { symbol } });
      times.push(performance.now() - t0);
      check(symbol, i, result);
      const status = result.structuredContent?.payload?.health?.status ?? "none";
      statuses[`${symbol}:${status}`] = (statuses[`${symbol}:${status}`] ?? 0) + 1;
    }
    all.push(...times);
    bySymbol[symbol] = percentiles(times);
  }
  if (opts.url) await transport.terminateSession();
} finally {
  await client.close();
}

const output = {
  transport: opts.url ? "streamable_http" : "stdio",
  overall: percentiles(all),
  by_symbol: bySymbol,
  statuses,
  invalid_or_failed: failures.length,
  failures: failures.slice(0, 5),
  machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", loadavg_1m: os.loadavg()[0], node: process.version },
};
process.stdout.write(JSON.stringify(output) + "\n");
process.exit(failures.length === 0 ? 0 : 1);
