// The servers a browser test starts: a static file server over web/ (the demo and the SDK, as a
// site would serve them) and an event collector speaking POST /v1/events like the edge
// ({sdkKey, events}; 202; repeats of an event id are counted but stored once). The collector
// can be stopped and restarted on the same port to play "server down, then back". A fault
// proxy puts a misbehaving network (503s, delays) between a page and a real edge.
import { createServer, request as httpRequest } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const webRoot = fileURLToPath(new URL("../../web/", import.meta.url));
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".css": "text/css",
  ".wasm": "application/wasm",
};

function listen(server, port = 0) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(server.address().port));
  });
}

// `pages`: more HTML documents by path ({"/shop/landing": "<!doctype html>..."}), served
// before web/'s files.
export async function startStatic(pages = {}) {
  const server = createServer(async (req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname));
    if (path.includes("..")) return res.writeHead(400).end();
    if (Object.hasOwn(pages, path)) {
      return res.writeHead(200, { "content-type": TYPES[".html"], "cache-control": "no-store" }).end(pages[path]);
    }
    const file = join(webRoot, path.endsWith("/") ? path + "index.html" : path);
    try {
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  const port = await listen(server);
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}

export async function startCollector() {
  const events = new Map(); // id -> event
  const counts = new Map(); // id -> how many times it arrived
  const state = { received: 0, requests: 0, server: null, port: 0 };
  const handler = (req, res) => {
    const cors = {
      "access-control-allow-origin": req.headers.origin ?? "*",
      "access-control-allow-credentials": "true",
      "access-control-allow-headers": "content-type",
      "access-control-allow-methods": "POST, OPTIONS",
    };
    if (req.method === "OPTIONS") return res.writeHead(204, cors).end();
    if (req.method !== "POST" || !req.url.startsWith("/v1/events")) return res.writeHead(404, cors).end();
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      state.requests++;
      try {
        for (const e of JSON.parse(body).events) {
          state.received++;
          counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
          if (!events.has(e.id)) events.set(e.id, e);
        }
        res.writeHead(202, { ...cors, "content-type": "application/json" }).end("{}");
      } catch {
        res.writeHead(400, cors).end();
      }
    });
  };
  const collector = {
    events,
    counts,
    state,
    get url() {
      return `http://127.0.0.1:${state.port}/v1/events`;
    },
    async start() {
      state.server = createServer(handler);
      state.port = await listen(state.server, state.port);
    },
    async stop() {
      const server = state.server;
      state.server = null;
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
    list(type) {
      return [...events.values()].filter((e) => !type || e.type === type);
    },
  };
  await collector.start();
  return collector;
}

// A loopback HTTP proxy in front of a real edge that can be told to misbehave, for the SDK's
// fault tests: mode "pass" forwards every request as it is (SSE streams too); "fail" answers
// every request itself with 503 and a problem document, as the edge does when it cannot serve;
// "slow" forwards after `delayMs`. Requests already in flight keep the mode they started with.

export async function startFaultProxy(target) {
  const upstream = new URL(target);
  const state = { mode: "pass", delayMs: 0 };
  const sockets = new Set();
  const server = createServer((req, res) => {
    const { mode, delayMs } = state;
    if (mode === "fail") {
      res.writeHead(503, {
        "content-type": "application/problem+json",
        "retry-after": "1",
        "access-control-allow-origin": req.headers.origin ?? "*",
      });
      return res.end(JSON.stringify({ type: "about:blank", title: "Service Unavailable", status: 503 }));
    }
    const forward = () => {
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode, answer.headers);
          answer.pipe(res);
        },
      );
      out.on("error", () => res.destroy());
      req.pipe(out);
    };
    if (mode === "slow") setTimeout(forward, delayMs);
    else forward();
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    /** @param {"pass" | "fail" | "slow"} mode */
    set(mode, delayMs = 0) {
      Object.assign(state, { mode, delayMs });
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(r));
    },
  };
}
