// A real tailor-edge for browser tests: the binary ctest names in TAILOR_EDGE (the build's
// $<TARGET_FILE:tailor-edge>; else the first build/*/edge/tailor-edge), on a free loopback
// port, with a fresh SQLite store in a temporary directory, the demo config published as
// SDK key "demo" and web/ as its static files (as tools/run starts it). The store is read with Python's sqlite3 module (read-only), as the edge's
// own integration tests do.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
export const ADMIN_TOKEN = "browser-test-admin-token-0123";

export function edgeBinary() {
  const found =
    process.env.TAILOR_EDGE ??
    ["native-release", "native-asan", "native-debug"]
      .map((p) => `${root}build/${p}/edge/tailor-edge`)
      .find((p) => existsSync(p));
  if (!found || !existsSync(found)) {
    throw new Error("tailor-edge not found: set TAILOR_EDGE (ctest does) or build a native preset");
  }
  return found;
}

// The native CLI the tests compare against: TAILOR_CLI (ctest sets it), else the first
// build/*/tools/tailor; undefined when none is built.
export const cliBinary =
  process.env.TAILOR_CLI ??
  ["native-release", "native-asan", "native-debug"]
    .map((p) => `${root}build/${p}/tools/tailor`)
    .find((p) => existsSync(p));

// `extra`: more tailor-edge arguments (e.g. ["--automation-tick-s", "1"]).
export async function startEdge(extra = []) {
  const dir = mkdtempSync(join(tmpdir(), "tailor-browser-edge-"));
  const store = join(dir, "edge.db");
  const launch = async (listen) => {
    const child = spawn(
      edgeBinary(),
      ["--listen", listen, "--store", store, "--threads", "1", "--config-poll", "0",
       "--web-root", `${root}web`, "--publish", `demo=${root}web/demo/config.json`,
       "--admin-token", ADMIN_TOKEN, ...extra],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const address = await new Promise((resolve, reject) => {
      const lines = createInterface({ input: child.stdout });
      lines.once("line", (line) => {
        const m = /listening on (http:\/\/\S+)/.exec(line);
        if (m) resolve(m[1]);
        else reject(new Error(`tailor-edge did not start: ${line}`));
      });
      child.once("exit", (code) => reject(new Error(`tailor-edge exited with ${code}: ${stderr}`)));
    });
    return { child, address };
  };
  let { child: proc, address: url } = await launch("127.0.0.1:0");
  return {
    url,
    store,
    async publish(config, sdkKey = "demo") {
      const response = await fetch(`${url}/admin/v1/configs/${sdkKey}`, {
        method: "POST",
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
        body: typeof config === "string" ? config : JSON.stringify(config),
      });
      if (response.status !== 201) throw new Error(`publish: HTTP ${response.status} ${await response.text()}`);
      return response.json();
    },
    async summary(experiment) {
      const response = await fetch(`${url}/v1/experiments/${encodeURIComponent(experiment)}/summary`);
      return response.json();
    },
    // Every stored event of `user` (a SQL LIKE pattern): [{id, type, user, experiment, variant,
    // name, value}], by type and ts.
    events(user) {
      const script =
        "import json, sqlite3, sys\n" +
        "db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)\n" +
        "rows = db.execute('SELECT id, type, user_id, experiment, variant, name, value FROM events " +
        "WHERE user_id LIKE ? ORDER BY type, ts, id', (sys.argv[2],)).fetchall()\n" +
        "keys = ['id', 'type', 'user', 'experiment', 'variant', 'name', 'value']\n" +
        "print(json.dumps([dict(zip(keys, r)) for r in rows]))\n";
      return JSON.parse(execFileSync("python3", ["-c", script, store, user], { encoding: "utf8" }));
    },
    // Kills the edge with `signal` (a crash: SIGKILL) and starts it again on the same address
    // and store, as an operator's restart would.
    async restart(signal = "SIGKILL") {
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill(signal);
      await exited;
      ({ child: proc } = await launch(url.replace("http://", "")));
    },
    // Stops the edge (SIGTERM) until start(): the browser meets a refused connection.
    async stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      await exited;
    },
    // Starts the stopped edge again on the same address and store.
    async start() {
      ({ child: proc } = await launch(url.replace("http://", "")));
    },
    async close() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once("exit", r));
        proc.kill("SIGTERM");
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
