import "server-only";
// Importing a Chorus extract into one convention: read the file once as a stream (CSV in any of its layouts,
// or XLSX), keep only the convention's lines, plan what it would change (src/domain/chorus/plan.ts), and —
// when asked — apply the plan all or nothing in one transaction, with the convention locked and the plan
// recomputed on fresh facts. Used by the upload route (browser) and by `npm run chorus:import` (operators).
//
// Memory stays flat whatever the file's size (docs/imports-chorus.md, « Taille »):
// - reading spools the convention's lines to a temporary file (COPY text rows), in file order;
// - planning, in a transaction, copies them into a temporary table, reads them back grouped per EJ poste
//   (ORDER BY; on PostgreSQL the sorted result is copied at once into a file, COPY … TO STDOUT, elsewhere a
//   cursor) beside the poste's record (a second sorted result, same order), and plans one poste at a time
//   with the domain's planChorusImport; the ceilings of a year, which depend on the order of dates across
//   postes, are checked afterwards over the whole file (YearCeilings: date order, a cursor);
// - what the plan writes goes into the tables in the transaction: on PostgreSQL a segment of 2 000 postes at
//   a time, COPY per table (EJs first), while Node plans the next segment — PostgreSQL inserts on its own
//   core meanwhile (CopyQueue; a failure abandons the COPY in progress and rolls back); elsewhere spooled per
//   table, then copied once the plan is done (COPY FROM '/dev/blob' on PGlite: src/server/db/copy.ts).
// Only counts, totals and the first lines of each list (changes, refusals, notes) stay in memory.
import { createHash } from "node:crypto";
import { isUtf8 } from "node:buffer";
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from "node:fs";
import { once } from "node:events";
import { setImmediate } from "node:timers/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { deriveConvention } from "@/domain/convention-view";
import { clock } from "@/server/clock";
import type { Actor } from "@/domain/permissions";
import { CHORUS_LAYOUTS, createLayoutParser, detectLayout, detectLayoutInRows, IMPUTATION_LABELS, type ChorusLayout, type ChorusLayoutId } from "@/domain/chorus/layouts";
import { planChorusImport, YearCeilings, type ChangeKey, type ExistingDp, type ExistingEj, type ImportPlan, type PlannedEj, type PlannedMovement, type PlannedPayment, type PlannedServiceFait, type YearEvent } from "@/domain/chorus/plan";
import { ejLineKey, type ChorusAeLine, type ChorusCpLine, type Imputation, type LineRejection } from "@/domain/chorus/records";
import { lineScope, type ConventionChorusRefs } from "@/domain/chorus/scope";
import { db } from "../db";
import { newRowId } from "../db/ids";
import { newAuditContext, recordAudit, type Tx } from "../db/audit";
import { loadConventionsFacts } from "../repositories/convention-facts";
import { lockConvention } from "../db/lock";
import { refreshStanding } from "../repositories/standing";
import { bulkTx, copyInto, copyLine, cursorRows, openCopy, spooledRows, type BulkTx, type CopyColumn, type OpenCopy } from "../db/copy";
import { ChorusFileError, readChorusRows, type ChorusRow, type ChorusRowStream, type ReadProgress } from "./read-lines";
import { isXlsx, readXlsxRows } from "./read-xlsx";
import { failure, messageOf, type Failure } from "@/domain/failures";

/** The layouts by id, with their French names (the route's and the CLI's `format`). */
export const CHORUS_FORMATS = Object.fromEntries(CHORUS_LAYOUTS.map((l) => [l.id, l.label])) as Record<ChorusLayoutId, string>;
export type ChorusFormat = ChorusLayoutId;

/** Keep at most this many reasons for ignored lines (other conventions): a national extract has thousands. */
const MAX_LISTED = 200;
/** The first changes, new records and refusals kept for the preview (the counts are whole). */
const MAX_KEPT = 500;
/** How much of a CSV file is read before its layout is decided (title rows and header). */
const HEAD_BYTES = 64 * 1024;

export interface ExtractReading {
  format: ChorusFormat;
  fileKind: "csv" | "xlsx";
  fileSha256: string;
  bytesRead: number;
  /** The convention's lines, spooled on disk in file order (see `readLines`); discardExtract deletes them. */
  spool: string;
  aeCount: number;
  cpCount: number;
  /** Data rows of the file (header, titles and blank rows aside), whoever they belong to. */
  linesRead: number;
  /** The convention's lines that cannot be read, with their reason (the first MAX_KEPT): any refuses the import. */
  rejected: LineRejection[];
  rejectedCount: number;
  /** Lines of other conventions (counted; the first reasons listed). */
  otherCount: number;
  other: string[];
  warnings: string[];
  /** The imputation columns that made the lines the convention's, in French. */
  decidedBy: string[];
  /** The exercice the title rows name (an INF-BUD-53 restitution), or null. */
  exercice: number | null;
  encoding: string;
}

/**
 * The import refuses the file as a whole: a coded failure of the catalogue, its words as the message. When
 * the refusal comes from the plan (refused lines), the plan comes with it: the caller lists the lines
 * without planning the file a second time.
 */
export class ImportRefused extends Error {
  constructor(
    readonly failure: Failure,
    readonly plan: ImportSummary | null = null,
  ) {
    super(messageOf(failure));
  }
}

async function conventionRefs(conventionId: string, client: Tx | ReturnType<typeof db>) {
  return client.convention.findUniqueOrThrow({
    where: { id: conventionId },
    select: { centreFinancier: true, activite: true, domaineFonctionnel: true, centreDeCout: true, marche: true },
  });
}

/** The first bytes of a stream (at least `bytes`, or all of it), and the whole stream again. */
async function peek(source: AsyncIterable<Uint8Array>, bytes: number): Promise<{ head: Buffer; stream: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    size += next.value.length;
  }
  async function* again() {
    yield* chunks;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head: Buffer.concat(chunks), stream: again() };
}

/** The head's lines, each decoded as UTF-8 when it is, else as Windows-1252 (as read-lines.ts does). */
function headLines(head: Buffer): string[] {
  const text = head.subarray(0, Math.max(0, head.lastIndexOf(0x0a)) || head.length);
  return text
    .toString("latin1")
    .split(/\r\n|\n|\r/)
    .map((latin1) => {
      const bytes = Buffer.from(latin1, "latin1");
      return isUtf8(bytes) ? bytes.toString("utf8").replace(/^\uFEFF/, "") : iconv.decode(bytes, "windows-1252");
    });
}

function unknownFormat(): ImportRefused {
  return new ImportRefused(failure("IMPORT_UNKNOWN_FORMAT", { formats: CHORUS_LAYOUTS.map((l) => l.label) }));
}

/** The rows of the file and its layout: CSV (layout from the head's header line) or XLSX (from the first rows). */
async function openRows(stream: AsyncIterable<Uint8Array>, head: Buffer, options: { format?: ChorusFormat; totalBytes?: number; onProgress?: (p: ReadProgress) => void }) {
  // An OLE compound file is a legacy .xls or a password-protected .xlsx: the XLSX reader says which, in French.
  const compound = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  if (isXlsx(head) || compound) {
    const rows = readXlsxRows(stream, { totalBytes: options.totalBytes, onProgress: options.onProgress });
    const iterator = rows[Symbol.asyncIterator]();
    const first: ChorusRow[] = [];
    for (let i = 0; i < 60; i++) {
      const next = await iterator.next();
      if (next.done) break;
      first.push(next.value);
    }
    const layout = detectLayoutInRows(first.map((r) => r.fields), options.format);
    if (!layout) {
      // Stopping the reader deletes the temporary file exceljs may have written.
      await iterator.return?.();
      throw unknownFormat();
    }
    async function* all() {
      yield* first;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    }
    return { layout, fileKind: "xlsx" as const, rows: all(), summary: () => rows.summary };
  }
  const detection = detectLayout(headLines(head), options.format);
  if (!detection) throw unknownFormat();
  const rows: ChorusRowStream = readChorusRows(stream, { delimiter: detection.delimiter, quoting: detection.quoting, totalBytes: options.totalBytes, onProgress: options.onProgress });
  return { layout: detection.layout, fileKind: "csv" as const, rows, summary: () => rows.summary };
}

/**
 * Reads the whole extract once, keeping only the convention's lines (memory bounded by the convention's
 * lines, not the file's). `expectedBytes`: the size the sender announced; a file that arrives shorter or
 * longer is refused, nothing read from it is used.
 */
export async function readExtract(
  conventionId: string,
  source: AsyncIterable<Uint8Array>,
  options: { format?: ChorusFormat; totalBytes?: number; expectedBytes?: number; onProgress?: (p: ReadProgress) => void } = {},
): Promise<ExtractReading> {
  const hash = createHash("sha256");
  let bytesRead = 0;
  async function* hashed() {
    for await (const chunk of source) {
      hash.update(chunk);
      bytesRead += chunk.length;
      yield chunk;
    }
  }
  const { head, stream } = await peek(hashed(), HEAD_BYTES);
  if (head.length === 0) throw new ImportRefused(failure("IMPORT_EMPTY_FILE"));
  const refs: ConventionChorusRefs = await conventionRefs(conventionId, db());
  const opened = await openRows(stream, head, options).catch((error: unknown) => {
    throw error instanceof ChorusFileError ? new ImportRefused(error.failure) : error;
  });
  const layout: ChorusLayout = opened.layout;
  const reading: ExtractReading = {
    format: layout.id,
    fileKind: opened.fileKind,
    fileSha256: "",
    bytesRead: 0,
    spool: "",
    aeCount: 0,
    cpCount: 0,
    linesRead: 0,
    rejected: [],
    rejectedCount: 0,
    otherCount: 0,
    other: [],
    warnings: [],
    decidedBy: [],
    exercice: null,
    encoding: "",
  };
  const decidedBy = new Set<keyof Imputation>();
  const ours = (imputation: Imputation, lineNumber: number, what: string): boolean => {
    const scope = lineScope(imputation, refs);
    if (!scope.ours) {
      reading.otherCount += 1;
      if (reading.other.length < MAX_LISTED) reading.other.push(`Ligne ${lineNumber} : ${what} d'une autre convention (${scope.differences.join(", ")}), ignorée.`);
      return false;
    }
    for (const k of scope.decidedBy) decidedBy.add(k);
    for (const w of scope.warnings) if (reading.warnings.length < MAX_LISTED) reading.warnings.push(`Ligne ${lineNumber} : ${w}.`);
    return true;
  };
  const parser = createLayoutParser(layout);
  const spool = new Spool();
  reading.spool = spool.path;
  const refuse = (rejection: LineRejection) => {
    reading.rejectedCount += 1;
    if (reading.rejected.length < MAX_KEPT) reading.rejected.push(rejection);
  };
  try {
    for await (const row of opened.rows) {
      const outcome = parser.push(row);
      if (outcome.kind === "fatal") throw new ImportRefused(outcome.rejection.failure);
      if (outcome.kind === "rejected") {
        reading.linesRead += 1;
        if (ours(outcome.imputation, outcome.rejection.lineNumber, "ligne illisible")) refuse(outcome.rejection);
        continue;
      }
      if (outcome.kind !== "record") continue;
      reading.linesRead += 1;
      const { record } = outcome;
      if (record.credit === "AE") {
        if (ours(record.line.imputation, outcome.lineNumber, `EJ ${record.line.ejNumber} poste ${record.line.lineNumber}`)) {
          reading.aeCount += 1;
          await spool.write(stagedRow("AE", outcome.lineNumber, record.line));
        }
      } else if (ours(record.line.imputation, outcome.lineNumber, `DP ${record.line.dpNumber}`)) {
        reading.cpCount += 1;
        await spool.write(stagedRow("CP", outcome.lineNumber, record.line));
      }
    }
    await spool.close();
  } catch (error) {
    await spool.discard();
    if (error instanceof ChorusFileError) throw new ImportRefused(error.failure);
    throw error;
  }
  const end = parser.end();
  const fileRefusal = end
    ? end.failure
    : options.expectedBytes !== undefined && bytesRead !== options.expectedBytes
      ? failure("IMPORT_TRUNCATED", { received: bytesRead, expected: options.expectedBytes })
      : reading.linesRead === 0
        ? failure("IMPORT_NO_LINES")
        : null;
  if (fileRefusal) {
    await spool.discard();
    throw new ImportRefused(fileRefusal);
  }
  reading.fileSha256 = hash.digest("hex");
  reading.bytesRead = bytesRead;
  reading.encoding = opened.summary().encoding;
  reading.decidedBy = [...decidedBy].map((k) => IMPUTATION_LABELS[k]);
  reading.exercice = parser.exercice;
  return reading;
}

// ───────────────────────────── Spooled lines ─────────────────────────────

/** The spools not yet deleted: whatever is left (a reading never discarded, an error) goes when the process exits. */
const liveSpools = new Set<string>();
process.once("exit", () => {
  for (const dir of liveSpools) rmSync(dir, { recursive: true, force: true });
});

/** A temporary file written in large chunks (COPY text rows), then read back as a stream. */
class Spool {
  readonly dir = mkdtempSync(join(tmpdir(), "suivi-fast-import-"));
  readonly path = join(this.dir, "lignes.tsv");
  private readonly out: WriteStream = createWriteStream(this.path);
  private buffer: string[] = [];
  private size = 0;
  private failed: Error | null = null;

  constructor() {
    liveSpools.add(this.dir);
    // Kept for the next write (a full disk); after discard(), the stream's late errors are of no interest.
    this.out.on("error", (error) => (this.failed ??= error));
  }

  async write(line: string): Promise<void> {
    if (this.failed) throw this.failed;
    this.buffer.push(line);
    this.size += line.length;
    if (this.size >= 64 * 1024) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.buffer.join("");
    this.buffer = [];
    this.size = 0;
    if (!this.out.write(chunk)) await once(this.out, "drain");
    if (this.failed) throw this.failed;
  }

  async close(): Promise<void> {
    await this.flush();
    if (!this.out.writableFinished) {
      this.out.end();
      await once(this.out, "finish");
    }
    if (this.failed) throw this.failed;
  }

  async discard(): Promise<void> {
    this.out.destroy();
    rmSync(this.dir, { recursive: true, force: true });
    liveSpools.delete(this.dir);
  }
}

/** Where a table's rows go while the plan runs: a spool (copied once the whole file is accepted) or a segment (CopyQueue). */
interface RowSink {
  write(line: string): Promise<void>;
}

/** A segment's rows of one table, held in memory until the segment is queued. */
class SegmentRows implements RowSink {
  lines: string[] = [];
  async write(line: string): Promise<void> {
    this.lines.push(line);
  }
}

/** Postes per segment: a few hundred kB of rows per table, copied while the next segment is planned. */
const SEGMENT_POSTES = 2_000;
/** Segments queued and not yet copied before the plan waits for PostgreSQL (memory stays bounded). */
const SEGMENTS_AHEAD = 2;
/**
 * Postes planned between two turns of the event loop while segments are being copied. The plan's awaits
 * resolve at once (microtasks), so without a turn Node does not read PostgreSQL's answers (CopyInResponse,
 * CommandComplete) and sends no data while it plans: PostgreSQL waits between and within a segment's COPYs.
 * Measured on 100 000 lines (85 000 postes): the plan took 4.2–4.3 s without these turns, 3.6–3.8 s with one
 * every 10 to 50 postes (Node waiting for the queue 1.7 s → 0.4 s; 200 postes: 4.0–4.6 s).
 */
const POSTES_PER_TURN = 25;

/**
 * The rows of the plan copied into the tables in the background on PostgreSQL, one segment of postes at a
 * time, while Node plans the next segment: each segment is a COPY … FROM STDIN per table, in the order of
 * OUTPUTS (EJs before the rows that point at them), on the transaction's connection — the segments one after
 * the other, so PostgreSQL inserts (indexes, foreign keys) on its core while Node plans on its own. A
 * failure stops the queue; `abort` abandons the COPY in progress (CopyFail) before the rollback.
 */
class CopyQueue {
  private readonly jobs: Promise<void>[] = [];
  private failed: unknown = null;
  private current: OpenCopy | null = null;

  constructor(private readonly bulk: BulkTx) {}

  async push(segment: Record<Output, string[]>): Promise<void> {
    if (this.failed) throw this.failed;
    const previous = this.jobs.at(-1) ?? Promise.resolve();
    const job = previous.then(async () => {
      for (const output of Object.keys(OUTPUTS) as Output[]) {
        if (this.failed) return;
        const rows = segment[output];
        if (rows.length === 0) continue;
        const table = output === "payment_cancellation" ? "payment_request" : output;
        const copy = openCopy(this.bulk, table, columnsOf(output))!;
        this.current = copy;
        await copy.write(rows.join(""));
        await copy.end();
        this.current = null;
      }
    });
    this.jobs.push(job.catch((error: unknown) => void (this.failed ??= error)));
    while (this.jobs.length > SEGMENTS_AHEAD) await this.jobs.shift();
    if (this.failed) throw this.failed;
  }

  /** Waits for every queued segment to be in the tables. */
  async drain(): Promise<void> {
    while (this.jobs.length > 0) await this.jobs.shift();
    if (this.failed) throw this.failed;
  }

  async abort(): Promise<void> {
    this.failed ??= new Error("Import abandonné");
    await this.current?.abort();
    while (this.jobs.length > 0) await this.jobs.shift();
  }
}

/** A temporary directory for the sorted rows a plan reads (spooledRows), deleted with it. */
function scratchDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "suivi-fast-import-"));
  liveSpools.add(dir);
  return dir;
}

function dropScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  liveSpools.delete(dir);
}

/** Deletes the reading's spooled lines (the route and the command call it once done with the reading). */
export function discardExtract(reading: ExtractReading): void {
  if (!reading.spool) return;
  const dir = join(reading.spool, "..");
  rmSync(dir, { recursive: true, force: true });
  liveSpools.delete(dir);
}

/** A staged line as JSON: its cents as a string (JSON has no bigint), turned back by `parsed`. */
const json = (line: ChorusAeLine | ChorusCpLine) => JSON.stringify({ ...line, amountCents: line.amountCents.toString() });
const withCents = <T>(value: { amountCents: string | null }): T => ({ ...value, amountCents: value.amountCents === null ? null : BigInt(value.amountCents) }) as T;
const parsed = <T>(text: string): T => withCents<T>(JSON.parse(text) as { amountCents: string | null });
/** A JSON array of records whose cents are strings (json_agg of the database's rows), or []. */
const parsedAll = <T>(text: string | null): T[] => (text === null ? [] : (JSON.parse(text) as { amountCents: string | null }[]).map((v) => withCents<T>(v)));

/** The temporary table of the convention's lines: EJ poste key ("" for a DP without EJ), file line, kind, DP number, line. */
const STAGE_COLUMNS: CopyColumn[] = [
  { name: "ej_key", type: "text" },
  { name: "file_line", type: "integer" },
  { name: "kind", type: "text" },
  { name: "dp", type: "text" },
  { name: "line", type: "text" },
];

function stagedRow(kind: "AE", fileLine: number, line: ChorusAeLine): string;
function stagedRow(kind: "CP", fileLine: number, line: ChorusCpLine): string;
function stagedRow(kind: "AE" | "CP", fileLine: number, line: ChorusAeLine | ChorusCpLine): string {
  const key = line.ejNumber === null ? "" : ejLineKey(line.ejNumber, line.lineNumber!);
  return copyLine([key, fileLine, kind, kind === "CP" ? (line as ChorusCpLine).dpNumber : null, json(line)]);
}

/** The convention's lines of a reading, in file order (for tests and tools). */
export async function* readLines(reading: ExtractReading): AsyncGenerator<{ kind: "AE"; fileLine: number; line: ChorusAeLine } | { kind: "CP"; fileLine: number; line: ChorusCpLine }> {
  let carry = "";
  for await (const chunk of createReadStream(reading.spool, { encoding: "utf8" }) as AsyncIterable<string>) {
    const rows = (carry + chunk).split("\n");
    carry = rows.pop()!;
    for (const row of rows) {
      const [, fileLine, kind, , line] = row.split("\t");
      // The line's JSON holds no tab nor line break (JSON escapes them), only backslashes COPY doubled.
      yield { kind: kind as "AE", fileLine: Number(fileLine), line: parsed<ChorusAeLine>(line!.replaceAll("\\\\", "\\")) };
    }
  }
}

// ───────────────────────────── Plan, per EJ poste ─────────────────────────────

/** What an import changes, counted whole, with the first MAX_KEPT of each list (in the plan's order). */
export interface ImportSummary extends Omit<ImportPlan, "yearEvents" | "changeKeys" | "changeTexts"> {
  counts: { newEjs: number; newMovements: number; newPayments: number; newServiceFaits: number; changes: number; notes: number; rejected: number };
}

/**
 * The first `limit` items by `order`, kept while items arrive one at a time. Once `limit` are kept, an item
 * that sorts after the last of them (or ties with it: the sort is stable) can never be among the first: it is
 * counted and dropped at once, so a poste's plan (which a lazy change text holds) is not kept alive by a
 * list it will not stay in — garbage that lives that long gets promoted to V8's old space.
 */
class FirstKept<T> {
  items: T[] = [];
  count = 0;
  private last: T | undefined;
  constructor(
    private readonly order: (a: T, b: T) => number,
    private readonly limit = MAX_KEPT,
  ) {}
  add(item: T) {
    this.count += 1;
    if (this.last !== undefined && this.order(item, this.last) >= 0) return;
    this.items.push(item);
    if (this.items.length >= this.limit * 2) this.trim();
  }
  trim(): T[] {
    this.items.sort(this.order);
    if (this.items.length >= this.limit) {
      this.items.length = this.limit;
      this.last = this.items[this.limit - 1];
    }
    return this.items;
  }
}

const byKey = (a: ChangeKey, b: ChangeKey) => (a.credit === b.credit ? 0 : a.credit === "AE" ? -1 : 1) || a.on.localeCompare(b.on) || a.fileLine - b.fileLine;
const byLine = (a: LineRejection, b: LineRejection) => a.lineNumber - b.lineNumber;

type StagedRow = { ej_key: string; file_line: number; kind: "AE" | "CP"; line: string; recorded: string | null };
type RecordRow = { key: string; id: string; chorus_number: string; line_number: number; ordered_on: string; movements: string | null; service_faits: string | null; dps: string | null };

/** The tables the plan writes, in the order they are copied (a cancellation points at the payment it cancels). */
const OUTPUTS = {
  engagement_juridique: ["id", "convention_id", "chorus_number", "line_number", "ordered_on", "supplier_name", "supplier_siret", "object", "marche", "domaine_fonctionnel", "centre_financier", "activite", "centre_de_cout", "source", "chorus_import_id", "created_by_id"],
  ej_movement: ["id", "ej_id", "kind", "moved_on", "amount_cents", "reason", "created_by_id"],
  payment_request: ["id", "convention_id", "ej_id", "dp_number", "paid_on", "amount_cents", "reverses_id", "source", "chorus_import_id", "created_by_id"],
  payment_cancellation: ["id", "convention_id", "ej_id", "dp_number", "paid_on", "amount_cents", "reverses_id", "source", "chorus_import_id", "created_by_id"],
  service_fait: ["id", "ej_id", "done_on", "reference", "amount_cents", "created_by_id"],
} as const;
type Output = keyof typeof OUTPUTS;

/** Types of the columns, for the PGlite path (INSERT … SELECT FROM unnest with a cast per column). */
const COLUMN_TYPES: Record<string, CopyColumn["type"]> = {
  id: "uuid",
  convention_id: "uuid",
  ej_id: "uuid",
  reverses_id: "uuid",
  chorus_import_id: "uuid",
  created_by_id: "uuid",
  line_number: "integer",
  ordered_on: "date",
  moved_on: "date",
  paid_on: "date",
  done_on: "date",
  amount_cents: "bigint",
  source: "record_source",
  kind: "ej_movement_kind",
};
const columnsOf = (output: Output): CopyColumn[] => OUTPUTS[output].map((name) => ({ name, type: COLUMN_TYPES[name] ?? "text" }));

interface Writing {
  importId: string;
  actor: Actor;
  fileName: string;
  refs: { marche: string; domaineFonctionnel: string; centreFinancier: string; activite: string; centreDeCout: string };
  spools: Record<Output, RowSink>;
  /** Called before the first poste is planned, once the plan no longer queries the database until `planned`. */
  start: () => void;
  /** Called after each poste is planned (and its rows written to `spools`). */
  posteDone: () => Promise<void>;
  /**
   * Called once every poste is planned, before the plan queries the database again: queues the last
   * segment and waits until every segment is copied (PostgreSQL), so that the connection is free.
   */
  planned: () => Promise<void>;
}

/** The recorded EJ postes of the convention, in the order of the staged lines' keys (C collation both). */
function recordSql(conventionId: string): string {
  return `SELECT e.chorus_number || '/' || e.line_number AS key, e.id::text AS id, e.chorus_number, e.line_number, e.ordered_on::text AS ordered_on,
      (SELECT json_agg(json_build_object('movedOn', m.moved_on::text, 'amountCents', m.amount_cents::text) ORDER BY m.moved_on, m.created_at)::text FROM ej_movement m WHERE m.ej_id = e.id) AS movements,
      (SELECT json_agg(json_build_object('doneOn', f.done_on::text, 'reference', f.reference, 'amountCents', f.amount_cents::text))::text FROM service_fait f WHERE f.ej_id = e.id) AS service_faits,
      (SELECT json_agg(json_build_object('id', p.id::text, 'dpNumber', p.dp_number, 'ejId', p.ej_id::text, 'paidOn', p.paid_on::text, 'amountCents', p.amount_cents::text,
          'reversed', EXISTS (SELECT 1 FROM payment_request r WHERE r.reverses_id = p.id)))::text FROM payment_request p WHERE p.ej_id = e.id) AS dps
    FROM engagement_juridique e WHERE e.convention_id = '${conventionId}'::uuid
    ORDER BY (e.chorus_number || '/' || e.line_number) COLLATE "C"`;
}

/**
 * The staged lines by EJ poste; a DP line carries the payments recorded under its number (on whichever EJ
 * of the convention: a DP known on another poste is refused).
 */
function stagedSql(conventionId: string): string {
  return `SELECT l.ej_key, l.file_line, l.kind, l.line, d.recorded
    FROM import_line l
    LEFT JOIN (
      SELECT regexp_replace(regexp_replace(p.dp_number, '^ANNUL-', ''), '^0+(?=[0-9])', '') AS dp,
        json_agg(json_build_object('id', p.id::text, 'dpNumber', p.dp_number, 'ejId', p.ej_id::text, 'ejKey', e.chorus_number || '/' || e.line_number, 'orderedOn', e.ordered_on::text,
          'paidOn', p.paid_on::text, 'amountCents', p.amount_cents::text, 'reversed', EXISTS (SELECT 1 FROM payment_request r WHERE r.reverses_id = p.id)))::text AS recorded
      FROM payment_request p JOIN engagement_juridique e ON e.id = p.ej_id
      WHERE p.convention_id = '${conventionId}'::uuid
      GROUP BY 1
    ) d ON l.kind = 'CP' AND d.dp = l.dp
    ORDER BY l.ej_key COLLATE "C", l.kind, l.file_line`;
}

/** The recorded postes (recordSql), read at once (spooledRows). */
async function* recordRows(bulk: BulkTx, conventionId: string, file: string): AsyncGenerator<RecordRow> {
  for await (const [key, id, chorusNumber, lineNumber, orderedOn, movements, serviceFaits, dps] of spooledRows(bulk, recordSql(conventionId), file)) {
    yield { key: key!, id: id!, chorus_number: chorusNumber!, line_number: Number(lineNumber), ordered_on: orderedOn!, movements: movements ?? null, service_faits: serviceFaits ?? null, dps: dps ?? null };
  }
}

/** The staged lines by EJ poste (stagedSql), read at once (spooledRows). */
async function* stagedRows(bulk: BulkTx, conventionId: string, file: string): AsyncGenerator<StagedRow> {
  for await (const [ejKey, fileLine, kind, line, recorded] of spooledRows(bulk, stagedSql(conventionId), file)) {
    yield { ej_key: ejKey!, file_line: Number(fileLine), kind: kind as "AE" | "CP", line: line!, recorded: recorded ?? null };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Plans the reading against the convention as it is in `tx`, one EJ poste at a time, and — given `writing` —
 * spools what it writes. Leaves the temporary tables to the transaction's end.
 */
async function streamedPlan(bulk: BulkTx, conventionId: string, reading: ExtractReading, writing: Writing | null): Promise<ImportSummary> {
  if (!UUID.test(conventionId)) throw new Error(`Identifiant de convention invalide : ${conventionId}`);
  const today = clock.today();
  const [record] = await loadConventionsFacts({ id: conventionId }, bulk.tx);
  if (!record) throw new Error(`Convention introuvable : ${conventionId}`);
  const view = deriveConvention(record, today);
  if (view.situation.state === "CLOTUREE") throw new ImportRefused(failure("IMPORT_CONVENTION_CLOSED"));

  await bulk.tx.$executeRawUnsafe(`CREATE TEMP TABLE import_line (ej_key text, file_line integer, kind text, dp text, line text) ON COMMIT DROP`);
  await copyInto(bulk, "import_line", STAGE_COLUMNS, createReadStream(reading.spool));
  // The cursors read every row: plan for the whole result (not its first rows), on the table's statistics.
  await bulk.tx.$executeRawUnsafe(`ANALYZE import_line`);
  await bulk.tx.$executeRawUnsafe(`SET LOCAL cursor_tuple_fraction = 1`);

  const changes = new FirstKept<{ key: ChangeKey; text: () => string }>((a, b) => byKey(a.key, b.key));
  const newEjs = new FirstKept<PlannedEj>((a, b) => a.orderedOn.localeCompare(b.orderedOn) || a.fileLine - b.fileLine);
  const newMovements = new FirstKept<PlannedMovement>((a, b) => a.movedOn.localeCompare(b.movedOn) || a.fileLine - b.fileLine);
  const newPayments = new FirstKept<PlannedPayment>((a, b) => a.paidOn.localeCompare(b.paidOn) || a.fileLine - b.fileLine);
  const newServiceFaits = new FirstKept<PlannedServiceFait>((a, b) => a.doneOn.localeCompare(b.doneOn) || a.fileLine - b.fileLine);
  const notes = new FirstKept<LineRejection>(byLine);
  const rejected = new FirstKept<LineRejection>(byLine);
  const summary = { known: 0, applied: 0, aeCents: 0n, cpCents: 0n };
  // The year events: summed per year and credit (enough when every event adds), spooled for the exact check.
  const yearSums = new Map<string, YearEvent & { negative: boolean }>();
  const events = new Spool();

  // Both sorted results are read at once into files (PostgreSQL): the connection stays free for the COPY the
  // new EJs stream into while the postes are planned (their rows inserted by PostgreSQL meanwhile).
  const scratch = scratchDir();
  const records = recordRows(bulk, conventionId, join(scratch, "records.tsv"))[Symbol.asyncIterator]();
  const staged = stagedRows(bulk, conventionId, join(scratch, "staged.tsv"))[Symbol.asyncIterator]();
  try {
    let nextRecord = await records.next();
    const recordOf = async (key: string): Promise<RecordRow | null> => {
      while (!nextRecord.done && nextRecord.value.key < key) nextRecord = await records.next();
      return !nextRecord.done && nextRecord.value.key === key ? nextRecord.value : null;
    };

    const planGroup = async (key: string, rows: StagedRow[]) => {
      const recorded = key === "" ? null : await recordOf(key);
      const ejs: ExistingEj[] = [];
      const dps = new Map<string, ExistingDp>();
      const ejIds = new Map<string, string>();
      if (recorded) {
        const movements = parsedAll<{ movedOn: string; amountCents: bigint }>(recorded.movements);
        ejs.push({
          id: recorded.id,
          ejNumber: recorded.chorus_number,
          lineNumber: recorded.line_number,
          orderedOn: recorded.ordered_on,
          movements,
          serviceFaits: parsedAll<{ doneOn: string; reference: string; amountCents: bigint | null }>(recorded.service_faits),
        });
        ejIds.set(key, recorded.id);
        for (const dp of parsedAll<ExistingDp>(recorded.dps)) dps.set(dp.id, dp);
      }
      const aeLines: { fileLine: number; line: ChorusAeLine }[] = [];
      const cpLines: { fileLine: number; line: ChorusCpLine }[] = [];
      for (const row of rows) {
        if (row.kind === "AE") aeLines.push({ fileLine: row.file_line, line: parsed<ChorusAeLine>(row.line) });
        else cpLines.push({ fileLine: row.file_line, line: parsed<ChorusCpLine>(row.line) });
        // A DP recorded on another poste: its poste is known to the plan, which refuses the line.
        for (const dp of parsedAll<ExistingDp & { ejKey: string; orderedOn: string }>(row.recorded)) {
          dps.set(dp.id, dp);
          if (!ejIds.has(dp.ejKey)) {
            const [ejNumber, lineNumber] = dp.ejKey.split("/");
            ejs.push({ id: dp.ejId, ejNumber: ejNumber!, lineNumber: Number(lineNumber), orderedOn: dp.orderedOn, movements: [] });
            ejIds.set(dp.ejKey, dp.ejId);
          }
        }
      }
      const engaged = ejs[0] && recorded ? ejs[0].movements.reduce((a, m) => a + m.amountCents, 0n) : 0n;
      const paid = recorded ? [...dps.values()].filter((d) => d.ejId === recorded.id).reduce((a, d) => a + d.amountCents, 0n) : 0n;
      const plan = planChorusImport({
        aeLines,
        cpLines,
        existing: { ejs, dps: [...dps.values()] },
        facts: view.facts,
        credits: { ...view.credits, ejs: recorded ? [{ ejId: recorded.id, engaged, paid, leftToPay: engaged - paid }] : [] },
        exercice: reading.exercice,
        deferYearChecks: true,
        lazyChanges: true,
      });
      summary.known += plan.known;
      summary.applied += plan.applied;
      summary.aeCents += plan.totals.aeCents;
      summary.cpCents += plan.totals.cpCents;
      plan.changeTexts.forEach((text, i) => changes.add({ key: plan.changeKeys[i]!, text }));
      for (const n of plan.notes) notes.add(n);
      for (const r of plan.rejected) rejected.add(r);
      for (const e of plan.newEjs) newEjs.add(e);
      for (const m of plan.newMovements) newMovements.add(m);
      for (const p of plan.newPayments) newPayments.add(p);
      for (const f of plan.newServiceFaits) newServiceFaits.add(f);
      for (const event of plan.yearEvents) {
        const sumKey = `${event.credit}${event.year}`;
        const sum = yearSums.get(sumKey) ?? { ...event, amountCents: 0n, negative: false };
        sum.amountCents += event.amountCents;
        sum.negative ||= event.amountCents < 0n;
        yearSums.set(sumKey, sum);
        await events.write(copyLine([event.credit, event.year, event.on, event.fileLine, event.amountCents]));
      }
      if (writing && plan.rejected.length === 0) await spoolWrites(writing, conventionId, plan, ejIds, dps);
      if (writing) await writing.posteDone();
    };

    let group: StagedRow[] = [];
    let groupKey: string | null = null;
    let next = await staged.next();
    // Both sorted results are in their files now: the new EJs may stream into their table.
    writing?.start();
    for (; !next.done; next = await staged.next()) {
      const row = next.value;
      if (row.ej_key !== groupKey && group.length > 0) {
        await planGroup(groupKey!, group);
        group = [];
      }
      groupKey = row.ej_key;
      group.push(row);
    }
    if (group.length > 0) await planGroup(groupKey!, group);
  } finally {
    // Their read streams closed (a plan may stop halfway), then their files deleted.
    await records.return?.(undefined);
    await staged.return?.(undefined);
    dropScratch(scratch);
  }
  await events.close();
  if (writing) await writing.planned();

  // The year's ceilings over the whole file. When every event of a year adds, its total is its largest
  // running sum: checked at once. Otherwise (or when the total is refused, to name the lines) in date order.
  try {
    const ceilings = new YearCeilings(view.credits);
    const atOnce = [...yearSums.values()].every((sum) => !sum.negative && ceilings.check(sum) === null);
    if (!atOnce) {
      const exact = new YearCeilings(view.credits);
      await bulk.tx.$executeRawUnsafe(`CREATE TEMP TABLE import_year_event (credit text, year integer, "on" date, file_line integer, amount_cents bigint) ON COMMIT DROP`);
      await copyInto(
        bulk,
        "import_year_event",
        [{ name: "credit", type: "text" }, { name: "year", type: "integer" }, { name: "on", type: "date" }, { name: "file_line", type: "integer" }, { name: "amount_cents", type: "bigint" }],
        createReadStream(events.path),
      );
      const sql = `SELECT credit, year, "on"::text AS "on", file_line, amount_cents::text AS amount_cents FROM import_year_event ORDER BY credit COLLATE "C", "on", file_line`;
      for await (const e of cursorRows<{ credit: "AE" | "CP"; year: number; on: string; file_line: number; amount_cents: string }>(bulk, sql)) {
        const refusal = exact.check({ credit: e.credit, year: Number(e.year), on: e.on, fileLine: Number(e.file_line), amountCents: BigInt(e.amount_cents) });
        if (refusal) rejected.add(refusal);
      }
    }
  } finally {
    await events.discard();
  }

  const sorted = changes.trim();
  return {
    newEjs: newEjs.trim(),
    newMovements: newMovements.trim(),
    newPayments: newPayments.trim(),
    newServiceFaits: newServiceFaits.trim(),
    changes: sorted.map((c) => c.text()),
    known: summary.known,
    applied: summary.applied,
    notes: notes.trim(),
    rejected: rejected.trim(),
    totals: { aeCents: summary.aeCents, cpCents: summary.cpCents },
    counts: {
      newEjs: newEjs.count,
      newMovements: newMovements.count,
      newPayments: newPayments.count,
      newServiceFaits: newServiceFaits.count,
      changes: changes.count,
      notes: notes.count,
      rejected: rejected.count,
    },
  };
}

/** One poste's plan as rows of the tables (COPY text), spooled until the whole file is accepted. */
async function spoolWrites(w: Writing, conventionId: string, plan: ImportPlan, ejIds: Map<string, string>, dps: Map<string, ExistingDp>) {
  const { importId, actor, fileName, refs } = w;
  for (const { ejKey, line, orderedOn } of plan.newEjs) {
    const id = newRowId();
    ejIds.set(ejKey, id);
    await w.spools.engagement_juridique.write(
      copyLine([
        id,
        conventionId,
        line.ejNumber,
        line.lineNumber,
        orderedOn,
        supplierLabel(line),
        line.supplierSiret,
        "Importé de Chorus",
        refs.marche,
        // The imputation the file gives, else the convention's (the layouts carry some of it only).
        line.imputation.domaineFonctionnel ?? refs.domaineFonctionnel,
        line.imputation.centreFinancier ?? refs.centreFinancier,
        line.imputation.activite ?? refs.activite,
        line.imputation.centreDeCout ?? refs.centreDeCout,
        "IMPORT",
        importId,
        actor.userId,
      ]),
    );
  }
  for (const m of plan.newMovements) {
    await w.spools.ej_movement.write(copyLine([newRowId(), ejIds.get(m.ejKey)!, m.kind, m.movedOn, m.amountCents, `Import Chorus (${fileName}, ligne ${m.fileLine})`, actor.userId]));
  }
  const dpIds = new Map([...dps.values()].map((d) => [d.dpNumber, d.id]));
  for (const p of plan.newPayments) {
    const id = newRowId();
    dpIds.set(p.dpNumber, id);
    const reversesId = p.reversesDpNumber ? dpIds.get(p.reversesDpNumber)! : null;
    // Cancellations point at their DP: they are copied after the payments.
    await w.spools[reversesId ? "payment_cancellation" : "payment_request"].write(
      copyLine([id, conventionId, ejIds.get(p.ejKey)!, p.dpNumber, p.paidOn, p.amountCents, reversesId, "IMPORT", importId, actor.userId]),
    );
  }
  // The service fait each DP implies (docs/imports-chorus.md), written after the EJs it belongs to.
  for (const f of plan.newServiceFaits) {
    await w.spools.service_fait.write(copyLine([newRowId(), ejIds.get(f.ejKey)!, f.doneOn, f.reference, f.amountCents, actor.userId]));
  }
}

/** The plan of an extract against the convention as it is now (nothing written). */
export async function planExtract(conventionId: string, reading: ExtractReading): Promise<ImportSummary> {
  return db().$transaction(async (tx) => streamedPlan(await bulkTx(tx), conventionId, reading, null), { maxWait: 30_000, timeout: 600_000 });
}

export interface AppliedImport {
  /** Null when the file changes nothing (every line already recorded): no import is recorded then. */
  importId: string | null;
  plan: ImportSummary;
}

/** What an attempt to apply tells: applied (importId, or null when nothing was new), or refused with the plan that refused it. */
export type ImportAttempt = (AppliedImport & { refusal: null }) | { importId: null; plan: ImportSummary; refusal: Failure };

/**
 * Applies the extract in one pass (one plan, in the write transaction): a file refused by its plan answers
 * with that plan (its refused lines) and nothing written, instead of a preview planned first and the same
 * plan made again to write (which doubled the time of every import).
 */
export async function applyOrRefuse(conventionId: string, reading: ExtractReading, actor: Actor, fileName: string): Promise<ImportAttempt> {
  try {
    return { ...(await applyExtract(conventionId, reading, actor, fileName)), refusal: null };
  } catch (error) {
    if (error instanceof ImportRefused && error.plan) return { importId: null, plan: error.plan, refusal: error.failure };
    throw error;
  }
}

/** Why an import cannot be applied, or null: any refused line of the convention refuses it whole. */
export function applyRefusal(reading: ExtractReading, plan: ImportSummary): Failure | null {
  const refused = reading.rejectedCount + plan.counts.rejected;
  if (refused > 0) return failure("IMPORT_LINES_REFUSED", { count: refused });
  if (reading.aeCount + reading.cpCount === 0) return failure("IMPORT_NOTHING_OF_CONVENTION");
  return null;
}

/**
 * Writes the plan, recomputed inside the transaction on fresh facts with the convention locked: all of it
 * or nothing. One audit entry (one action id) tells the whole import.
 */
export async function applyExtract(conventionId: string, reading: ExtractReading, actor: Actor, fileName: string): Promise<AppliedImport> {
  const audit = newAuditContext(actor);
  const spools = Object.fromEntries(Object.keys(OUTPUTS).map((k) => [k, new Spool()])) as Record<Output, Spool>;
  try {
    return await db().$transaction(
      async (tx) => {
        await lockConvention(tx, conventionId);
        const refs = await conventionRefs(conventionId, tx);
        const importId = newRowId();
        // The import's row first: the EJs streamed while the plan runs point at it (its counts come after).
        await tx.chorusImport.create({
          data: {
            id: importId,
            conventionId,
            fileName,
            fileSha256: reading.fileSha256,
            format: reading.format,
            linesRead: reading.linesRead,
            linesCreated: 0,
            linesKnown: 0,
            linesIgnored: 0,
            importedById: actor.userId,
          },
        });
        const bulk = await bulkTx(tx);
        // On PostgreSQL the plan's rows are copied into the tables a segment of postes at a time while the next
        // segment is planned (CopyQueue); elsewhere they are spooled and copied once the plan is done. A
        // refusal anywhere abandons the copies and rolls everything back.
        let queue: CopyQueue | null = null;
        let segment: Record<Output, SegmentRows> | null = null;
        let postes = 0;
        const sinks: Record<Output, RowSink> = { ...spools };
        const newSegment = () => {
          segment = Object.fromEntries(Object.keys(OUTPUTS).map((k) => [k, new SegmentRows()])) as Record<Output, SegmentRows>;
          Object.assign(sinks, segment);
        };
        const pushSegment = async () => {
          const rows = Object.fromEntries(Object.entries(segment!).map(([k, v]) => [k, v.lines])) as Record<Output, string[]>;
          newSegment();
          postes = 0;
          await queue!.push(rows);
        };
        const writing: Writing = {
          importId,
          actor,
          fileName,
          refs,
          spools: sinks,
          start: () => {
            // The sorted rows are in their files: the connection is free for the copies until `planned`.
            if (!bulk.connection) return;
            queue = new CopyQueue(bulk);
            newSegment();
          },
          posteDone: async () => {
            if (!queue) return;
            if (++postes >= SEGMENT_POSTES) await pushSegment();
            else if (postes % POSTES_PER_TURN === 0) await setImmediate();
          },
          planned: async () => {
            if (!queue) return;
            await pushSegment();
            await queue.drain();
            queue = null;
          },
        };
        const plan = await streamedPlan(bulk, conventionId, reading, writing).catch(async (error: unknown) => {
          // CopyFail first: the rollback Prisma then sends would otherwise wait behind the COPY.
          await (queue as CopyQueue | null)?.abort();
          throw error;
        });
        const refusal = applyRefusal(reading, plan);
        if (refusal) throw new ImportRefused(refusal, plan);
        if (plan.counts.newMovements + plan.counts.newPayments === 0) {
          await tx.chorusImport.delete({ where: { id: importId } });
          return { importId: null, plan };
        }
        await tx.chorusImport.update({
          where: { id: importId },
          data: { linesCreated: plan.applied, linesKnown: plan.known, linesIgnored: reading.otherCount + plan.counts.notes },
        });
        for (const output of Object.keys(OUTPUTS) as Output[]) {
          if (sinks[output] !== spools[output]) continue;
          await spools[output].close();
          const table = output === "payment_cancellation" ? "payment_request" : output;
          await copyInto(bulk, table, columnsOf(output), createReadStream(spools[output].path));
        }
        await recordAudit(tx, audit, {
          kind: "expenditure.import",
          conventionId,
          entity: "chorusImport",
          entityId: importId,
          after: {
            fileName,
            format: reading.format,
            fileKind: reading.fileKind,
            fileSha256: reading.fileSha256,
            newEjs: plan.counts.newEjs,
            newMovements: plan.counts.newMovements,
            newPayments: plan.counts.newPayments,
            newServiceFaits: plan.counts.newServiceFaits,
            known: plan.known,
            otherConventions: reading.otherCount,
            aeCents: plan.totals.aeCents,
            cpCents: plan.totals.cpCents,
          },
        });
        // The convention's standing in the portfolio, in the same transaction (as the use-case runner does).
        await refreshStanding(tx, conventionId, clock.today());
        return { importId, plan };
      },
      { maxWait: 30_000, timeout: 600_000 },
    );
  } finally {
    for (const spool of Object.values(spools)) await spool.discard();
  }
}

/** The national EJ file names no supplier: the EJ keeps what the file says of it. */
function supplierLabel(line: ChorusAeLine): string {
  if (line.supplierName) return line.supplierName;
  if (line.supplierCode) return `Fournisseur ${line.supplierCode} (nom absent de l'extrait)`;
  if (line.supplierSiret) return `Fournisseur SIRET ${line.supplierSiret} (nom absent de l'extrait)`;
  return "Fournisseur non précisé dans l'extrait";
}
