import "server-only";
// Importing a Chorus extract into one convention: read the file once as a stream (CSV in any of its layouts,
// or XLSX), keep only the convention's lines, plan what it would change (src/domain/chorus/plan.ts), and —
// when asked — apply the plan all or nothing in one transaction, with the convention locked and the plan
// recomputed on fresh facts. Used by the upload route (browser) and by `npm run chorus:import` (operators).
import { createHash, randomUUID } from "node:crypto";
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import { deriveConvention } from "@/domain/convention-view";
import { isoDate } from "@/domain/dates";
import { clock } from "@/server/clock";
import type { Actor } from "@/domain/permissions";
import { CHORUS_LAYOUTS, createLayoutParser, detectLayout, detectLayoutInRows, IMPUTATION_LABELS, type ChorusLayout, type ChorusLayoutId } from "@/domain/chorus/layouts";
import { planChorusImport, type ImportPlan } from "@/domain/chorus/plan";
import { ejLineKey, type ChorusAeLine, type ChorusCpLine, type Imputation, type LineRejection } from "@/domain/chorus/records";
import { lineScope, type ConventionChorusRefs } from "@/domain/chorus/scope";
import { db } from "../db";
import { newAuditContext, recordAudit, type Tx } from "../db/audit";
import { loadConventionFacts } from "../repositories/convention-facts";
import { lockConvention } from "../db/lock";
import { refreshStanding } from "../repositories/standing";
import { bulkInsert, type BulkColumn } from "../db/bulk-insert";
import { ChorusFileError, readChorusRows, type ChorusRow, type ChorusRowStream, type ReadProgress } from "./read-lines";
import { isXlsx, readXlsxRows } from "./read-xlsx";
import { failure, messageOf, type Failure } from "@/domain/failures";

/** The layouts by id, with their French names (the route's and the CLI's `format`). */
export const CHORUS_FORMATS = Object.fromEntries(CHORUS_LAYOUTS.map((l) => [l.id, l.label])) as Record<ChorusLayoutId, string>;
export type ChorusFormat = ChorusLayoutId;

/** Keep at most this many reasons for ignored lines (other conventions): a national extract has thousands. */
const MAX_LISTED = 200;
/** How much of a CSV file is read before its layout is decided (title rows and header). */
const HEAD_BYTES = 64 * 1024;

export interface ExtractReading {
  format: ChorusFormat;
  fileKind: "csv" | "xlsx";
  fileSha256: string;
  bytesRead: number;
  aeLines: { fileLine: number; line: ChorusAeLine }[];
  cpLines: { fileLine: number; line: ChorusCpLine }[];
  /** Data rows of the file (header, titles and blank rows aside), whoever they belong to. */
  linesRead: number;
  /** The convention's lines that cannot be read, with their reason: any of them refuses the import. */
  rejected: LineRejection[];
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

/** The import refuses the file as a whole: a coded failure of the catalogue, its words as the message. */
export class ImportRefused extends Error {
  constructor(readonly failure: Failure) {
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
    throw error instanceof ChorusFileError ? new ImportRefused(failure("IMPORT_FILE_UNREADABLE", { reason: error.message })) : error;
  });
  const layout: ChorusLayout = opened.layout;
  const reading: ExtractReading = {
    format: layout.id,
    fileKind: opened.fileKind,
    fileSha256: "",
    bytesRead: 0,
    aeLines: [],
    cpLines: [],
    linesRead: 0,
    rejected: [],
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
  try {
    for await (const row of opened.rows) {
      const outcome = parser.push(row);
      if (outcome.kind === "fatal") throw new ImportRefused(outcome.rejection.failure ?? failure("IMPORT_FILE_UNREADABLE", { reason: outcome.rejection.reason }));
      if (outcome.kind === "rejected") {
        reading.linesRead += 1;
        if (ours(outcome.imputation, outcome.rejection.lineNumber, "ligne illisible")) reading.rejected.push(outcome.rejection);
        continue;
      }
      if (outcome.kind !== "record") continue;
      reading.linesRead += 1;
      const { record } = outcome;
      if (record.credit === "AE") {
        if (ours(record.line.imputation, outcome.lineNumber, `EJ ${record.line.ejNumber} poste ${record.line.lineNumber}`)) reading.aeLines.push({ fileLine: outcome.lineNumber, line: record.line });
      } else if (ours(record.line.imputation, outcome.lineNumber, `DP ${record.line.dpNumber}`)) {
        reading.cpLines.push({ fileLine: outcome.lineNumber, line: record.line });
      }
    }
  } catch (error) {
    if (error instanceof ChorusFileError) throw new ImportRefused(failure("IMPORT_FILE_UNREADABLE", { reason: error.message }));
    throw error;
  }
  const end = parser.end();
  if (end) throw new ImportRefused(end.failure ?? failure("IMPORT_FILE_UNREADABLE", { reason: end.reason }));
  if (options.expectedBytes !== undefined && bytesRead !== options.expectedBytes) {
    throw new ImportRefused(failure("IMPORT_TRUNCATED", { received: bytesRead, expected: options.expectedBytes }));
  }
  if (reading.linesRead === 0) throw new ImportRefused(failure("IMPORT_NO_LINES"));
  reading.fileSha256 = hash.digest("hex");
  reading.bytesRead = bytesRead;
  reading.encoding = opened.summary().encoding;
  reading.decidedBy = [...decidedBy].map((k) => IMPUTATION_LABELS[k]);
  reading.exercice = parser.exercice;
  return reading;
}

async function existingRecords(tx: Tx | ReturnType<typeof db>, conventionId: string) {
  const [ejs, dps] = await Promise.all([
    tx.engagementJuridique.findMany({
      where: { conventionId },
      select: {
        id: true,
        chorusNumber: true,
        lineNumber: true,
        orderedOn: true,
        movements: { select: { movedOn: true, amountCents: true }, orderBy: [{ movedOn: "asc" }, { createdAt: "asc" }] },
        serviceFaits: { select: { doneOn: true, reference: true, amountCents: true } },
      },
    }),
    tx.paymentRequest.findMany({ where: { conventionId }, select: { id: true, dpNumber: true, ejId: true, paidOn: true, amountCents: true, reversedBy: { select: { id: true } } } }),
  ]);
  return {
    ejs: ejs.map((e) => ({
      id: e.id,
      ejNumber: e.chorusNumber,
      lineNumber: e.lineNumber,
      orderedOn: isoDate(e.orderedOn),
      movements: e.movements.map((m) => ({ movedOn: isoDate(m.movedOn), amountCents: m.amountCents })),
      serviceFaits: e.serviceFaits.map((f) => ({ doneOn: isoDate(f.doneOn), reference: f.reference, amountCents: f.amountCents })),
    })),
    dps: dps.map((d) => ({ id: d.id, dpNumber: d.dpNumber, ejId: d.ejId, paidOn: isoDate(d.paidOn), amountCents: d.amountCents, reversed: d.reversedBy !== null })),
  };
}

/** The plan of an extract against the convention as it is now. */
export async function planExtract(conventionId: string, reading: ExtractReading, client: Tx | ReturnType<typeof db> = db()): Promise<ImportPlan> {
  const today = clock.today();
  const view = deriveConvention(await loadConventionFacts(conventionId, client), today);
  if (view.situation.state === "CLOTUREE") throw new ImportRefused(failure("IMPORT_CONVENTION_CLOSED"));
  return planChorusImport({ aeLines: reading.aeLines, cpLines: reading.cpLines, existing: await existingRecords(client, conventionId), facts: view.facts, credits: view.credits, exercice: reading.exercice });
}

export interface AppliedImport {
  /** Null when the file changes nothing (every line already recorded): no import is recorded then. */
  importId: string | null;
  plan: ImportPlan;
}

/** Why an import cannot be applied, or null: any refused line of the convention refuses it whole. */
export function applyRefusal(reading: ExtractReading, plan: ImportPlan): Failure | null {
  const refused = reading.rejected.length + plan.rejected.length;
  if (refused > 0) return failure("IMPORT_LINES_REFUSED", { count: refused });
  if (reading.aeLines.length + reading.cpLines.length === 0) return failure("IMPORT_NOTHING_OF_CONVENTION");
  return null;
}

/**
 * Writes the plan, recomputed inside the transaction on fresh facts with the convention locked: all of it
 * or nothing. One audit entry (one action id) tells the whole import.
 */
export async function applyExtract(conventionId: string, reading: ExtractReading, actor: Actor, fileName: string): Promise<AppliedImport> {
  const audit = newAuditContext(actor);
  return db().$transaction(
    async (tx) => {
      await lockConvention(tx, conventionId);
      const plan = await planExtract(conventionId, reading, tx);
      const refusal = applyRefusal(reading, plan);
      if (refusal) throw new ImportRefused(refusal);
      if (plan.newMovements.length + plan.newPayments.length === 0) return { importId: null, plan };
      const refs = await conventionRefs(conventionId, tx);
      const chorusImport = await tx.chorusImport.create({
        data: {
          conventionId,
          fileName,
          fileSha256: reading.fileSha256,
          format: reading.format,
          linesRead: reading.linesRead,
          linesCreated: plan.applied,
          linesKnown: plan.known,
          linesIgnored: reading.otherCount + plan.notes.length,
          importedById: actor.userId,
        },
      });
      const existing = await existingRecords(tx, conventionId);
      const ejIds = new Map(existing.ejs.map((e) => [ejLineKey(e.ejNumber, e.lineNumber), e.id]));
      const newEjs = plan.newEjs.map(({ ejKey, line, orderedOn }) => {
        const id = randomUUID();
        ejIds.set(ejKey, id);
        return { id, line, orderedOn };
      });
      await bulkInsert(tx, "engagement_juridique", [
        { name: "id", type: "uuid", value: (e) => e.id },
        { name: "convention_id", type: "uuid", value: () => conventionId },
        { name: "chorus_number", type: "text", value: (e) => e.line.ejNumber },
        { name: "line_number", type: "integer", value: (e) => e.line.lineNumber },
        { name: "ordered_on", type: "date", value: (e) => e.orderedOn },
        { name: "supplier_name", type: "text", value: (e) => supplierLabel(e.line) },
        { name: "supplier_siret", type: "text", value: (e) => e.line.supplierSiret },
        { name: "object", type: "text", value: () => "Importé de Chorus" },
        { name: "marche", type: "text", value: () => refs.marche },
        // The imputation the file gives, else the convention's (the layouts carry some of it only).
        { name: "domaine_fonctionnel", type: "text", value: (e) => e.line.imputation.domaineFonctionnel ?? refs.domaineFonctionnel },
        { name: "centre_financier", type: "text", value: (e) => e.line.imputation.centreFinancier ?? refs.centreFinancier },
        { name: "activite", type: "text", value: (e) => e.line.imputation.activite ?? refs.activite },
        { name: "centre_de_cout", type: "text", value: (e) => e.line.imputation.centreDeCout ?? refs.centreDeCout },
        { name: "source", type: "record_source", value: () => "IMPORT" },
        { name: "chorus_import_id", type: "uuid", value: () => chorusImport.id },
        { name: "created_by_id", type: "uuid", value: () => actor.userId },
      ], newEjs);
      await bulkInsert(tx, "ej_movement", [
        { name: "id", type: "uuid", value: () => randomUUID() },
        { name: "ej_id", type: "uuid", value: (m) => ejIds.get(m.ejKey)! },
        { name: "kind", type: "ej_movement_kind", value: (m) => m.kind },
        { name: "moved_on", type: "date", value: (m) => m.movedOn },
        { name: "amount_cents", type: "bigint", value: (m) => m.amountCents },
        { name: "reason", type: "text", value: (m) => `Import Chorus (${fileName}, ligne ${m.fileLine})` },
        { name: "created_by_id", type: "uuid", value: () => actor.userId },
      ], plan.newMovements);
      const dpIds = new Map(existing.dps.map((d) => [d.dpNumber, d.id]));
      const payments = plan.newPayments.map((p) => {
        const id = randomUUID();
        dpIds.set(p.dpNumber, id);
        return { ...p, id, reversesId: p.reversesDpNumber ? dpIds.get(p.reversesDpNumber)! : null };
      });
      const paymentColumns: BulkColumn<(typeof payments)[number]>[] = [
        { name: "id", type: "uuid", value: (p) => p.id },
        { name: "convention_id", type: "uuid", value: () => conventionId },
        { name: "ej_id", type: "uuid", value: (p) => ejIds.get(p.ejKey)! },
        { name: "dp_number", type: "text", value: (p) => p.dpNumber },
        { name: "paid_on", type: "date", value: (p) => p.paidOn },
        { name: "amount_cents", type: "bigint", value: (p) => p.amountCents },
        { name: "reverses_id", type: "uuid", value: (p) => p.reversesId },
        { name: "source", type: "record_source", value: () => "IMPORT" },
        { name: "chorus_import_id", type: "uuid", value: () => chorusImport.id },
        { name: "created_by_id", type: "uuid", value: () => actor.userId },
      ];
      // Cancellations point at their DP: write the payments before the lines that cancel them.
      await bulkInsert(tx, "payment_request", paymentColumns, payments.filter((p) => !p.reversesId));
      await bulkInsert(tx, "payment_request", paymentColumns, payments.filter((p) => p.reversesId));
      // The service fait each DP implies (docs/imports-chorus.md), written after the EJs it belongs to.
      await bulkInsert(tx, "service_fait", [
        { name: "id", type: "uuid", value: () => randomUUID() },
        { name: "ej_id", type: "uuid", value: (f) => ejIds.get(f.ejKey)! },
        { name: "done_on", type: "date", value: (f) => f.doneOn },
        { name: "reference", type: "text", value: (f) => f.reference },
        { name: "amount_cents", type: "bigint", value: (f) => f.amountCents },
        { name: "created_by_id", type: "uuid", value: () => actor.userId },
      ], plan.newServiceFaits);
      await recordAudit(tx, audit, {
        kind: "expenditure.import",
        conventionId,
        entity: "chorusImport",
        entityId: chorusImport.id,
        after: {
          fileName,
          format: reading.format,
          fileKind: reading.fileKind,
          fileSha256: reading.fileSha256,
          newEjs: plan.newEjs.length,
          newMovements: plan.newMovements.length,
          newPayments: plan.newPayments.length,
          newServiceFaits: plan.newServiceFaits.length,
          known: plan.known,
          otherConventions: reading.otherCount,
          aeCents: plan.totals.aeCents,
          cpCents: plan.totals.cpCents,
        },
      });
      // The convention's standing in the portfolio, in the same transaction (as the use-case runner does).
      await refreshStanding(tx, conventionId, clock.today());
      return { importId: chorusImport.id, plan };
    },
    { maxWait: 30_000, timeout: 300_000 },
  );
}

/** The national EJ file names no supplier: the EJ keeps what the file says of it. */
function supplierLabel(line: ChorusAeLine): string {
  if (line.supplierName) return line.supplierName;
  if (line.supplierCode) return `Fournisseur ${line.supplierCode} (nom absent de l'extrait)`;
  if (line.supplierSiret) return `Fournisseur SIRET ${line.supplierSiret} (nom absent de l'extrait)`;
  return "Fournisseur non précisé dans l'extrait";
}
