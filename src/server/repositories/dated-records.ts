import "server-only";
// The records of a convention dated on or after a day, named the way a reader finds them: what a dated life
// event (a termination notice, a suspension) is checked against (src/domain/record-conflicts.ts).
import type { Tx } from "../db/audit";
import { isoDate, toDbDate, type IsoDate } from "@/domain/dates";
import type { DatedRecord } from "@/domain/record-conflicts";

export async function loadRecordsFrom(conventionId: string, from: IsoDate, tx: Tx): Promise<DatedRecord[]> {
  const since = { gte: toDbDate(from) };
  const ejName = (ej: { chorusNumber: string; lineNumber: number }) => `${ej.chorusNumber} ligne ${ej.lineNumber}`;
  const ejSelect = { select: { chorusNumber: true, lineNumber: true } } as const;
  const [ejs, movements, serviceFaits, payments, releases, avenants, reviews] = await Promise.all([
    tx.engagementJuridique.findMany({ where: { conventionId, orderedOn: since }, select: { orderedOn: true, chorusNumber: true, lineNumber: true } }),
    tx.ejMovement.findMany({ where: { ej: { conventionId }, kind: { not: "INITIAL" }, movedOn: since }, select: { movedOn: true, ej: ejSelect } }),
    tx.serviceFait.findMany({ where: { ej: { conventionId }, doneOn: since }, select: { doneOn: true, ej: ejSelect } }),
    tx.paymentRequest.findMany({ where: { conventionId, paidOn: since }, select: { paidOn: true, dpNumber: true } }),
    tx.trancheRelease.findMany({ where: { tranche: { conventionId }, releasedOn: since }, select: { releasedOn: true, tranche: { select: { rank: true, creditType: true, year: true } } } }),
    tx.avenant.findMany({ where: { conventionId, signedOn: since }, select: { signedOn: true, number: true } }),
    tx.midTermReview.findMany({ where: { conventionId, reviewedOn: since }, select: { reviewedOn: true } }),
  ]);
  return [
    ...ejs.map((e): DatedRecord => ({ kind: "EJ", on: isoDate(e.orderedOn), label: ejName(e) })),
    ...movements.map((m): DatedRecord => ({ kind: "MOUVEMENT", on: isoDate(m.movedOn), label: ejName(m.ej) })),
    ...serviceFaits.map((s): DatedRecord => ({ kind: "SERVICE_FAIT", on: isoDate(s.doneOn), label: ejName(s.ej) })),
    ...payments.map((p): DatedRecord => ({ kind: "PAIEMENT", on: isoDate(p.paidOn), label: p.dpNumber })),
    ...releases.map((r): DatedRecord => ({ kind: "DEBLOCAGE", on: isoDate(r.releasedOn), label: `T${r.tranche.rank} ${r.tranche.creditType} ${r.tranche.year}` })),
    ...avenants.map((a): DatedRecord => ({ kind: "AVENANT", on: isoDate(a.signedOn), label: String(a.number) })),
    ...reviews.map((r): DatedRecord => ({ kind: "BILAN", on: isoDate(r.reviewedOn), label: "" })),
  ];
}
