import "server-only";
// Where a Chorus import runs (ADR 0008, voie 5). On PostgreSQL, in a Node process of its own started for that
// import: the file goes to its standard input, its NDJSON events come back on its standard output and are
// relayed as they are. That process does nothing else, so it is given a heap that V8 collects sooner
// (IMPORT_PROCESS_NODE_FLAGS): measured, it holds an import of 100 000 or 1 000 000 lines under ~200 MiB where
// a web server's heap grows to 330–450 MiB, and the server's thread no longer carries the seconds of
// reading, planning and writing. The same options on the web servers cost them ~40 % of their requests per
// second (measured, ADR 0008): they stay on this process alone.
// On the embedded database (PGlite, which lives inside the server's process) and in development (`next dev`,
// tests: the code is the sources', nothing is built) the import runs in the server's process. Both hosts run
// the same function, runChorusImport (import-run.ts).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { failure } from "@/domain/failures";
import { postgresUrl } from "../db";
import { IMPORT_PROCESS_ENTRY_RELATIVE, IMPORT_PROCESS_NODE_FLAGS, IMPORT_REQUEST_VARIABLE } from "./import-entry";
import { failureEvent, ndjsonLine, runChorusImport, type ImportRequest } from "./import-run";

/** Where `npm run build` puts the import process's code (scripts/build-import-process.ts). */
export const IMPORT_PROCESS_ENTRY = join(process.cwd(), IMPORT_PROCESS_ENTRY_RELATIVE);

export type ImportHost = { kind: "process"; entry: string; databaseUrl: string } | { kind: "server" };

export function importHost(): ImportHost {
  const databaseUrl = postgresUrl();
  if (!databaseUrl || process.env.NODE_ENV !== "production") return { kind: "server" };
  return { kind: "process", entry: IMPORT_PROCESS_ENTRY, databaseUrl };
}

/** The import's NDJSON events, from wherever it runs. */
export function chorusImportEvents(request: ImportRequest, body: AsyncIterable<Uint8Array>, host: ImportHost = importHost()): ReadableStream<Uint8Array> {
  return host.kind === "process" ? inOwnProcess(host, request, body) : inThisProcess(request, body);
}

const encoder = new TextEncoder();

function inThisProcess(request: ImportRequest, body: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        await runChorusImport(request, body, (event) => controller.enqueue(encoder.encode(ndjsonLine(event))));
      } finally {
        controller.close();
      }
    },
  });
}

/**
 * Import processes a server runs at once: each holds up to ~200 MiB and a database connection, and a
 * délégataire's finance staff import a few files a month; one more is refused with a clear message.
 */
export const MAX_IMPORT_PROCESSES = 2;
let importProcesses = 0;

function inOwnProcess(host: Extract<ImportHost, { kind: "process" }>, request: ImportRequest, body: AsyncIterable<Uint8Array>): ReadableStream<Uint8Array> {
  let stop = () => {};
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (importProcesses >= MAX_IMPORT_PROCESSES) {
        controller.enqueue(encoder.encode(ndjsonLine(failureEvent(failure("IMPORT_BUSY", { running: importProcesses })))));
        controller.close();
        return;
      }
      importProcesses += 1;
      let counted = true;
      const release = () => {
        if (counted) importProcesses -= 1;
        counted = false;
      };
      const child = spawn(process.execPath, [...IMPORT_PROCESS_NODE_FLAGS, "--conditions=react-server", host.entry], {
        stdio: ["pipe", "pipe", "pipe"],
        env: { ...process.env, DATABASE_URL: host.databaseUrl, NODE_ENV: "production", [IMPORT_REQUEST_VARIABLE]: JSON.stringify(request) },
      });
      let open = true;
      let concluded = false; // a "result" or "error" event came: the import said how it ended
      let partial = "";
      const conclude = () => {
        if (!open) return;
        open = false;
        if (!concluded) controller.enqueue(encoder.encode(ndjsonLine(failureEvent(failure("IMPORT_INTERRUPTED")))));
        controller.close();
      };
      stop = () => {
        open = false;
        child.kill("SIGTERM");
      };
      // The file, with backpressure. A failing upload ends the input early: the import then refuses a file
      // shorter than announced. A child that stops reading (a file refused from its head) breaks the pipe.
      pipeline(Readable.from(body), child.stdin).catch(() => child.stdin.destroy());
      child.stdout.on("data", (chunk: Buffer) => {
        if (!open) return;
        controller.enqueue(new Uint8Array(chunk));
        const lines = (partial + chunk.toString("utf8")).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) if (/^\{"type":"(result|error)"/.test(line)) concluded = true;
      });
      child.stderr.on("data", (chunk: Buffer) => process.stderr.write(chunk));
      if (!existsSync(host.entry)) console.error(`[chorus import] ${host.entry} manque : lancez npm run build (npm start le fait), qui construit le processus d'import.`);
      child.on("error", (error) => {
        console.error(`[chorus import] le processus d'import n'a pas pu être lancé : ${error.message}`);
        release();
        conclude();
      });
      child.on("close", (code, signal) => {
        if (code !== 0 && open) console.error(`[chorus import] le processus d'import s'est arrêté (code ${code}, signal ${signal})`);
        release();
        conclude();
      });
    },
    cancel() {
      stop();
    },
  });
}
