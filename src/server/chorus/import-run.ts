// One import of a Chorus extract, from the file's bytes to its NDJSON events (progress while reading, then the
// preview or, with mode "apply", the result of the all-or-nothing import). The upload route runs it — in the
// import's own process on PostgreSQL (import-host.ts), in the server's on the embedded database — and the
// import process's entry (import-process.ts) is this function on its standard input and output. The access
// check is the caller's: the request names an actor already allowed to record the convention's expenditure.
import { z } from "zod";
import { ROLES } from "@/domain/permissions";
import { describePlan } from "@/domain/chorus/plan";
import { formatEuros } from "@/domain/money";
import { failure, messageOf, type Failure } from "@/domain/failures";
import { toAppError } from "@/server/errors";
import { applyOrRefuse, applyRefusal, CHORUS_FORMATS, discardExtract, ImportRefused, planExtract, readExtract, type ChorusFormat, type ExtractReading } from "./import";

export const importRequestSchema = z.object({
  conventionId: z.string().min(1),
  actor: z.object({ userId: z.string().min(1), organisationId: z.string().min(1), role: z.enum(ROLES) }),
  mode: z.enum(["preview", "apply"]),
  format: z.enum(Object.keys(CHORUS_FORMATS) as [ChorusFormat, ...ChorusFormat[]]).optional(),
  /** The file's name, kept with the import. */
  name: z.string().max(200),
  /** For mode "apply": the fingerprint of the previewed file; a different file is refused. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
  /** The size the sender announced (for the progress bar), and the size the body must have (else refused). */
  totalBytes: z.number().int().min(0).optional(),
  expectedBytes: z.number().int().min(0).optional(),
});
export type ImportRequest = z.infer<typeof importRequestSchema>;

/** Progress and result events are objects; bigints are written as their decimal text. */
export function ndjsonLine(event: object): string {
  return `${JSON.stringify(event, (_k, v) => (typeof v === "bigint" ? v.toString() : v))}\n`;
}

/** The event that ends an import on a coded failure of the catalogue: its code and its French words. */
export function failureEvent(refusal: Failure): { type: "error"; code: string; message: string } {
  return { type: "error", code: refusal.code, message: messageOf(refusal) };
}

export async function runChorusImport(request: ImportRequest, body: AsyncIterable<Uint8Array>, send: (event: object) => void): Promise<void> {
  const { conventionId, actor, mode, sha256 } = request;
  let lastProgress = 0;
  let reading: ExtractReading | null = null;
  try {
    reading = await readExtract(conventionId, body, {
      format: request.format,
      totalBytes: request.totalBytes || undefined,
      expectedBytes: request.expectedBytes,
      onProgress: ({ bytesRead, totalBytes }) => {
        if (bytesRead - lastProgress < 256 * 1024 && bytesRead !== totalBytes) return;
        lastProgress = bytesRead;
        send({ type: "progress", bytesRead, totalBytes });
      },
    });
    if (mode === "apply" && sha256 && sha256 !== reading.fileSha256) {
      send(failureEvent(failure("IMPORT_FILE_CHANGED")));
      return;
    }
    // Preview: the plan alone (nothing written). Apply: one pass, the plan made in the write transaction;
    // a refused file answers with that plan's refused lines, nothing written.
    const attempt = mode === "apply" ? await applyOrRefuse(conventionId, reading, actor, request.name) : null;
    const plan = attempt?.plan ?? (await planExtract(conventionId, reading));
    const refusal = attempt ? attempt.refusal : applyRefusal(reading, plan);
    const applied = attempt && !attempt.refusal ? attempt : null;
    send({
      type: "result",
      applied: applied !== null,
      recorded: applied?.importId != null,
      refusal: refusal ? messageOf(refusal) : null,
      refusalCode: refusal?.code ?? null,
      format: reading.format,
      formatLabel: CHORUS_FORMATS[reading.format],
      fileKind: reading.fileKind,
      encoding: reading.encoding,
      sha256: reading.fileSha256,
      bytes: reading.bytesRead,
      summary: describePlan({ ...plan, ...plan.counts }),
      linesRead: reading.linesRead,
      newEjs: plan.counts.newEjs,
      newMovements: plan.counts.newMovements,
      newPayments: plan.counts.newPayments,
      toWrite: plan.applied,
      known: plan.known,
      ae: formatEuros(plan.totals.aeCents),
      cp: formatEuros(plan.totals.cpCents),
      changes: plan.changes.slice(0, 500),
      changesCount: plan.counts.changes,
      notes: plan.notes.slice(0, 200),
      decidedBy: reading.decidedBy,
      rejected: [...reading.rejected, ...plan.rejected].sort((a, b) => a.lineNumber - b.lineNumber).slice(0, 500),
      rejectedCount: reading.rejectedCount + plan.counts.rejected,
      otherCount: reading.otherCount,
      other: reading.other,
      warnings: reading.warnings,
    });
  } catch (error) {
    if (error instanceof ImportRefused) send(failureEvent(error.failure));
    else {
      const appError = toAppError(error);
      console.error(`[chorus import] ${appError.code}: ${appError.message}`);
      send({ type: "error", message: appError.userMessage });
    }
  } finally {
    if (reading) discardExtract(reading);
  }
}
