// The Chorus import's own process (import-host.ts starts it, ADR 0008): the request in its environment (JSON,
// validated; not an argument, which any local user could read in the process list), the file on its standard
// input, the import's NDJSON events on its standard output. Built by `npm run build` into
// .next/suivi-fast-import/import-process.mjs (scripts/build-import-process.ts) and run as
// `node <heap options> --conditions=react-server <that file>` with DATABASE_URL set.
import { failure } from "@/domain/failures";
import { db } from "../db";
import { IMPORT_REQUEST_VARIABLE } from "./import-entry";
import { failureEvent, importRequestSchema, ndjsonLine, runChorusImport } from "./import-run";

function send(event: object): void {
  process.stdout.write(ndjsonLine(event));
}

async function main(): Promise<number> {
  let argument: unknown = null;
  try {
    argument = JSON.parse(process.env[IMPORT_REQUEST_VARIABLE] ?? "null");
  } catch {
    // refused below, like any other malformed request
  }
  const request = importRequestSchema.safeParse(argument);
  if (!request.success) {
    send(failureEvent(failure("IMPORT_BAD_PARAMETERS")));
    return 2;
  }
  // The server stops an import whose sender went away: the file's reading stops there (the spooled lines are
  // deleted); an import already writing ends as it would in the server, all or nothing.
  process.once("SIGTERM", () => process.stdin.destroy(new Error("import arrêté par le serveur")));
  await runChorusImport(request.data, process.stdin, send);
  return 0;
}

// A reader that went away (the server stopped relaying) must not turn into an uncaught error.
process.stdout.on("error", () => {});

main()
  .catch((error: unknown) => {
    console.error(`[chorus import] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  })
  .then(async (code) => {
    process.stdin.destroy(); // a file refused from its head is not read to its end
    await db().$disconnect();
    process.stdout.write("", () => process.exit(code));
  });
