import "server-only";
// Importing a Chorus extract into one convention: read the file once as a stream (only the convention's
// lines are kept), plan what it would change (src/domain/chorus/plan.ts), and — when asked — apply the plan
// all or nothing in one transaction, with the convention locked and the plan recomputed on fresh facts.
// Used by the upload route (browser) and by `npm run chorus:import` (operators).
import { createHash, randomUUID } from "node:crypto";
import { deriveConvention } from "@/domain/convention-view";
import { isoDate, todayInParis } from "@/domain/dates";
import type { Actor } from "@/domain/permissions";
import { createInfBud53Parser } from "@/domain/chorus/inf-bud-53";
import { createNationalDpParser, createNationalEjParser } from "@/domain/chorus/national";
import { planChorusImport, type ImportPlan } from "@/domain/chorus/plan";
import { ejLineKey, type ChorusDpLine, type ChorusEjLine, type ChorusRowParser, type LineRejection } from "@/domain/chorus/records";
import { dpLineScope, ejLineScope, type ConventionChorusRefs } from "@/domain/chorus/scope";
import { db } from "../db";
import { newAuditContext, recordAudit, type Tx } from "../db/audit";
import { loadConventionFacts } from "../repositories/convention-facts";
import { lockConvention } from "../db/lock";
import { bulkInsert, type BulkColumn } from "../db/bulk-insert";
import { ChorusFileError, readChorusRows, type ReadProgress } from "./read-lines";

export const CHORUS_FORMATS = {
  INF_BUD_53: "Restitution INF-BUD-53 (CSV « ; »)",
  NATIONAL_EJ: "Extraction nationale des EJ (« | »)",
  NATIONAL_DP: "Extraction nationale des demandes de paiement (« | »)",
} as const;
export type ChorusFormat = keyof typeof CHORUS_FORMATS;

/** Keep at most this many reasons for ignored lines (other conventions): a national extract has thousands. */
const MAX_LISTED = 200;

/** Recognises the format from the file's first bytes: SAP field names, else a ";" CSV. */
export function detectFormat(head: Uint8Array): ChorusFormat | null {
  const text = Buffer.from(head).toString("latin1").toLowerCase();
  if (text.includes("bbp_po_id")) return "NATIONAL_EJ";
  if (text.includes("ac_doc_no")) return "NATIONAL_DP";
  if (text.includes(";")) return "INF_BUD_53";
  return null;
}

/** The first chunk of a stream, and the whole stream again (that chunk first). */
async function peek(source: AsyncIterable<Uint8Array>): Promise<{ head: Uint8Array; stream: AsyncIterable<Uint8Array> }> {
  const iterator = source[Symbol.asyncIterator]();
  const first = await iterator.next();
  const head = first.done ? new Uint8Array() : first.value;
  async function* again() {
    if (!first.done) yield head;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head, stream: again() };
}

export interface ExtractReading {
  format: ChorusFormat;
  fileSha256: string;
  ejLines: { fileLine: number; line: ChorusEjLine }[];
  dpLines: { fileLine: number; line: ChorusDpLine }[];
  linesRead: number;
  /** Lines that cannot be read, with their reason. */
  rejected: LineRejection[];
  /** Lines of other conventions (counted; the first reasons listed). */
  otherCount: number;
  other: string[];
  warnings: string[];
  encoding: string;
}

export class ImportRefused extends Error {}

async function conventionRefs(conventionId: string, client: Tx | ReturnType<typeof db>) {
  return client.convention.findUniqueOrThrow({
    where: { id: conventionId },
    select: { centreFinancier: true, activite: true, domaineFonctionnel: true, centreDeCout: true, marche: true },
  });
}

/** Reads the whole extract once, keeping only the convention's lines (bounded memory in the file's size). */
export async function readExtract(
  conventionId: string,
  source: AsyncIterable<Uint8Array>,
  options: { format?: ChorusFormat; totalBytes?: number; onProgress?: (p: ReadProgress) => void } = {},
): Promise<ExtractReading> {
  const { head, stream } = await peek(source);
  const format = options.format ?? detectFormat(head);
  if (!format) throw new ImportRefused("Format de fichier non reconnu : ni restitution INF-BUD-53 (« ; »), ni extraction nationale (« | »).");
  const refs: ConventionChorusRefs = await conventionRefs(conventionId, db());
  const knownEjs = new Set(
    (await db().engagementJuridique.findMany({ where: { conventionId }, select: { chorusNumber: true, lineNumber: true } })).map((e) => ejLineKey(e.chorusNumber, e.lineNumber)),
  );
  const hash = createHash("sha256");
  async function* hashed() {
    for await (const chunk of stream) {
      hash.update(chunk);
      yield chunk;
    }
  }
  const rows = readChorusRows(hashed(), { delimiter: format === "INF_BUD_53" ? ";" : "|", totalBytes: options.totalBytes, onProgress: options.onProgress });
  const reading: ExtractReading = { format, fileSha256: "", ejLines: [], dpLines: [], linesRead: 0, rejected: [], otherCount: 0, other: [], warnings: [], encoding: "" };
  const ignore = (reason: string) => {
    reading.otherCount += 1;
    if (reading.other.length < MAX_LISTED) reading.other.push(reason);
  };
  const warn = (warnings: string[]) => {
    for (const w of warnings) if (reading.warnings.length < MAX_LISTED) reading.warnings.push(w);
  };
  const parser: ChorusRowParser<ChorusEjLine | ChorusDpLine> =
    format === "INF_BUD_53" ? createInfBud53Parser() : format === "NATIONAL_EJ" ? createNationalEjParser() : createNationalDpParser();
  try {
    for await (const row of rows) {
      const outcome = parser.push(row);
      if (outcome.kind === "fatal") throw new ImportRefused(outcome.rejection.reason);
      if (outcome.kind === "rejected") reading.rejected.push(outcome.rejection);
      if (outcome.kind !== "record") continue;
      reading.linesRead += 1;
      if (format === "NATIONAL_DP") {
        const line = outcome.record as ChorusDpLine;
        const verdict = dpLineScope(line, outcome.lineNumber, refs, (ej, n) => knownEjs.has(ejLineKey(ej, n)));
        if (verdict.scope === "other") ignore(verdict.reason);
        else reading.dpLines.push({ fileLine: outcome.lineNumber, line });
      } else {
        const line = outcome.record as ChorusEjLine;
        const verdict = ejLineScope(line, outcome.lineNumber, refs);
        if (verdict.scope === "other") ignore(verdict.reason);
        else {
          warn(verdict.warnings);
          reading.ejLines.push({ fileLine: outcome.lineNumber, line });
        }
      }
    }
  } catch (error) {
    if (error instanceof ChorusFileError) throw new ImportRefused(error.message);
    throw error;
  }
  const end = parser.end();
  if (end) throw new ImportRefused(end.reason);
  reading.fileSha256 = hash.digest("hex");
  reading.encoding = rows.summary.encoding;
  return reading;
}

async function existingRecords(tx: Tx | ReturnType<typeof db>, conventionId: string) {
  const [ejs, dps] = await Promise.all([
    tx.engagementJuridique.findMany({
      where: { conventionId },
      select: { id: true, chorusNumber: true, lineNumber: true, orderedOn: true, movements: { select: { movedOn: true, amountCents: true }, orderBy: [{ movedOn: "asc" }, { createdAt: "asc" }] } },
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
    })),
    dps: dps.map((d) => ({ id: d.id, dpNumber: d.dpNumber, ejId: d.ejId, paidOn: isoDate(d.paidOn), amountCents: d.amountCents, reversed: d.reversedBy !== null })),
  };
}

/** The plan of an extract against the convention as it is now. */
export async function planExtract(conventionId: string, reading: ExtractReading, client: Tx | ReturnType<typeof db> = db()): Promise<ImportPlan> {
  const today = todayInParis();
  const view = deriveConvention(await loadConventionFacts(conventionId, client), today);
  if (view.situation.state === "CLOTUREE") throw new ImportRefused("La convention est clôturée : plus aucune dépense ne peut y être importée.");
  return planChorusImport({ ejLines: reading.ejLines, dpLines: reading.dpLines, existing: await existingRecords(client, conventionId), facts: view.facts, credits: view.credits });
}

export interface AppliedImport {
  importId: string;
  plan: ImportPlan;
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
      const refs = await conventionRefs(conventionId, tx);
      const chorusImport = await tx.chorusImport.create({
        data: {
          conventionId,
          fileName,
          fileSha256: reading.fileSha256,
          format: reading.format,
          linesRead: reading.linesRead + reading.rejected.length,
          linesCreated: plan.newMovements.length + plan.newPayments.length,
          linesKnown: plan.known,
          linesIgnored: reading.otherCount + reading.rejected.length + plan.rejected.length,
          importedById: actor.userId,
        },
      });
      const existing = await existingRecords(tx, conventionId);
      const ejIds = new Map(existing.ejs.map((e) => [ejLineKey(e.ejNumber, e.lineNumber), e.id]));
      const newEjs = plan.newEjs.map(({ ejKey, line }) => {
        const id = randomUUID();
        ejIds.set(ejKey, id);
        return { id, line };
      });
      await bulkInsert(tx, "engagement_juridique", [
        { name: "id", type: "uuid", value: (e) => e.id },
        { name: "convention_id", type: "uuid", value: () => conventionId },
        { name: "chorus_number", type: "text", value: (e) => e.line.ejNumber },
        { name: "line_number", type: "integer", value: (e) => e.line.lineNumber },
        { name: "ordered_on", type: "date", value: (e) => e.line.orderedOn },
        { name: "supplier_name", type: "text", value: (e) => e.line.supplierName || "Fournisseur non précisé" },
        { name: "supplier_siret", type: "text", value: (e) => e.line.supplierSiret },
        { name: "object", type: "text", value: (e) => e.line.object || "Importé de Chorus" },
        { name: "marche", type: "text", value: () => refs.marche },
        { name: "domaine_fonctionnel", type: "text", value: (e) => e.line.domaineFonctionnel },
        { name: "centre_financier", type: "text", value: (e) => e.line.centreFinancier },
        { name: "activite", type: "text", value: (e) => e.line.activite },
        { name: "centre_de_cout", type: "text", value: (e) => e.line.centreDeCout },
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
        { name: "reason", type: "text", value: (m) => `Import Chorus (ligne ${m.fileLine})` },
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
      await recordAudit(tx, audit, {
        kind: "expenditure.import",
        conventionId,
        entity: "chorusImport",
        entityId: chorusImport.id,
        after: {
          fileName,
          format: reading.format,
          fileSha256: reading.fileSha256,
          newEjs: plan.newEjs.length,
          newMovements: plan.newMovements.length,
          newPayments: plan.newPayments.length,
          known: plan.known,
          refused: plan.rejected.length + reading.rejected.length,
          otherConventions: reading.otherCount,
          aeCents: plan.totals.aeCents,
          cpCents: plan.totals.cpCents,
        },
      });
      return { importId: chorusImport.id, plan };
    },
    { maxWait: 30_000, timeout: 300_000 },
  );
}
