// The Chorus import in its own process (import-host.ts, ADR 0008), as the built server runs it on PostgreSQL:
// the process built by `npm run build` (here built into the project's cache), the file on its standard input,
// its events relayed. A refused file writes nothing; a good one is applied and audited; a file cut on the way
// is refused whole; a process that dies says so; a server runs a bounded number of them at once. On the
// embedded database the import runs in the server's process (import-route.test.ts): these tests need PostgreSQL.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { actionHarness, ACCOUNTS, SEEDED } from "../../../tests/support/action-harness";
import { buildImportProcess } from "../../../scripts/build-import-process";
import { chorusImportEvents, importHost, MAX_IMPORT_PROCESSES, type ImportHost } from "./import-host";
import type { ImportRequest } from "./import-run";
import { IMPORT_REQUEST_VARIABLE } from "./import-entry";

const h = actionHarness({ writes: ["engagementJuridique", "ejMovement", "paymentRequest", "chorusImport", "auditEntry"] });
const fast14 = h.seeded(SEEDED.FAST14);
const FILE = Buffer.from(readFileSync("tests/fixtures/chorus/inf-bud-53-ae-fast14.csv", "utf8"), "utf8");
const onPostgres = Boolean(process.env.DATABASE_URL);

let entry = "";
beforeAll(async () => {
  if (onPostgres) entry = await buildImportProcess(join("node_modules", ".cache", "suivi-fast-test-import", "import-process.mjs"));
}, 60_000);

const host = (): Extract<ImportHost, { kind: "process" }> => ({ kind: "process", entry, databaseUrl: h.database.url! });

function request(mode: ImportRequest["mode"], expectedBytes: number): ImportRequest {
  return { conventionId: fast14.id, actor: h.actor(ACCOUNTS.FAST14_GESTIONNAIRE), mode, name: "extrait.csv", totalBytes: expectedBytes, expectedBytes };
}

async function* chunks(bytes: Buffer, cutAt = bytes.length): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < cutAt; at += 256) yield bytes.subarray(at, Math.min(at + 256, cutAt));
}

/** The NDJSON events of one import, and the one that concludes it. */
async function run(req: ImportRequest, body: AsyncIterable<Uint8Array>, on = host()) {
  const text = await new Response(chorusImportEvents(req, body, on)).text();
  const events = text.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
  return { events, last: events.at(-1)! };
}

describe.runIf(onPostgres)("a Chorus import in its own process", () => {
  it("is where the built server runs it on PostgreSQL, with the heap options of ADR 0008", () => {
    const before = process.env.NODE_ENV;
    try {
      (process.env as Record<string, string>).NODE_ENV = "production";
      expect(importHost()).toMatchObject({ kind: "process", databaseUrl: h.database.url, entry: expect.stringMatching(/\.next\/suivi-fast-import\/import-process\.mjs$/) });
    } finally {
      (process.env as Record<string, string | undefined>).NODE_ENV = before;
    }
    expect(importHost()).toEqual({ kind: "server" }); // tests and `next dev` run the sources in the server
  });

  it("the process refuses a request that does not pass its schema, and writes nothing", async () => {
    const before = await h.footprint();
    for (const request of [undefined, "pas du JSON", JSON.stringify({ conventionId: fast14.id, mode: "apply", name: "x.csv" })]) {
      const child = spawn(process.execPath, ["--conditions=react-server", entry], {
        env: { ...process.env, DATABASE_URL: h.database.url, ...(request === undefined ? {} : { [IMPORT_REQUEST_VARIABLE]: request }) },
      });
      child.stdin.on("error", () => {}); // it may stop before reading the file
      child.stdin.end(FILE);
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
      const [code] = (await once(child, "close")) as [number];
      expect(code).toBe(2);
      expect(JSON.parse(out.trim())).toMatchObject({ type: "error", code: "IMPORT_BAD_PARAMETERS" });
    }
    expect(await h.footprint()).toEqual(before);
  });

  it("a file over the ceiling: refused with its line, nothing written", async () => {
    const before = await h.footprint();
    const over = Buffer.from(FILE.toString("utf8").replace("17500", "27500"), "utf8");
    const { last } = await run(request("apply", over.length), chunks(over));
    expect(last).toMatchObject({ type: "result", applied: false, refusalCode: "IMPORT_LINES_REFUSED", rejectedCount: 1 });
    expect(await h.footprint()).toEqual(before);
  });

  it("a file cut on the way: refused whole, nothing written", async () => {
    const before = await h.footprint();
    const { last } = await run(request("apply", FILE.length), chunks(FILE, 1024));
    expect(last).toMatchObject({ type: "error", code: "IMPORT_TRUNCATED" });
    expect(await h.footprint()).toEqual(before);
  });

  it("a process that cannot run: the import says it was interrupted, nothing written", async () => {
    const before = await h.footprint();
    const { last } = await run(request("apply", FILE.length), chunks(FILE), { ...host(), entry: join("node_modules", ".cache", "absent.mjs") });
    expect(last).toMatchObject({ type: "error", code: "IMPORT_INTERRUPTED", message: expect.stringContaining("tout ou rien") });
    expect(await h.footprint()).toEqual(before);
  });

  it(`a third import while ${MAX_IMPORT_PROCESSES} run on this server: refused at once, nothing read; the others go on`, async () => {
    let letGo = () => {};
    const gate = new Promise<void>((resolve) => (letGo = resolve));
    async function* held(bytes: Buffer): AsyncGenerator<Uint8Array> {
      yield bytes.subarray(0, 256);
      await gate;
      yield bytes.subarray(256);
    }
    const running = Array.from({ length: MAX_IMPORT_PROCESSES }, () => run(request("preview", FILE.length), held(FILE)));
    const refused = await run(request("preview", FILE.length), chunks(FILE));
    expect(refused.events).toEqual([expect.objectContaining({ type: "error", code: "IMPORT_BUSY", message: expect.stringContaining("réessayez dans quelques minutes") })]);
    letGo();
    for (const done of await Promise.all(running)) expect(done.last).toMatchObject({ type: "result", refusal: null });
    expect((await run(request("preview", FILE.length), chunks(FILE))).last).toMatchObject({ type: "result", refusal: null });
  });

  it("an upload the browser abandons stops its process, frees its place and writes nothing", async () => {
    const before = await h.footprint();
    for (let i = 0; i <= MAX_IMPORT_PROCESSES; i++) {
      async function* never(): AsyncGenerator<Uint8Array> {
        yield FILE.subarray(0, 256);
        await new Promise(() => {}); // the rest never comes
      }
      const reader = chorusImportEvents(request("apply", FILE.length), never(), host()).getReader();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await reader.cancel();
    }
    // Each abandoned import gave its place back: this one runs.
    await expect.poll(async () => (await run(request("preview", FILE.length), chunks(FILE))).last.type, { timeout: 20_000 }).toBe("result");
    expect(await h.footprint()).toEqual(before);
  });

  it("the file as it is: previewed with progress (nothing written), then applied and audited in the actor's name", async () => {
    const before = await h.footprint();
    const preview = await run(request("preview", FILE.length), chunks(FILE));
    expect(preview.events.some((e) => e.type === "progress")).toBe(true);
    expect(preview.last).toMatchObject({ type: "result", applied: false, refusal: null });
    expect(await h.footprint()).toEqual(before);

    const applied = await run({ ...request("apply", FILE.length), sha256: preview.last.sha256 as string }, chunks(FILE));
    expect(applied.last).toMatchObject({ type: "result", applied: true, recorded: true, newMovements: preview.last.newMovements });
    const recorded = await h.prisma.chorusImport.findFirstOrThrow({ where: { conventionId: fast14.id }, orderBy: { importedAt: "desc" } });
    expect(recorded).toMatchObject({ fileSha256: preview.last.sha256, importedById: h.actor(ACCOUNTS.FAST14_GESTIONNAIRE).userId });
    expect(await h.prisma.auditEntry.count({ where: { userId: h.actor(ACCOUNTS.FAST14_GESTIONNAIRE).userId, conventionId: fast14.id } })).toBeGreaterThan(0);
  });
});
