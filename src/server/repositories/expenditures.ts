import "server-only";
// Reads of a convention's Chorus expenditures: each EJ with its AE lines, service fait and payments, in
// date order. Totals are not computed here: they come from the domain's creditSummary (one source).
import { db } from "../db";
import { isoDate } from "@/domain/dates";

const name = { select: { fullName: true } } as const;

/**
 * The EJs of a convention as its expenditures page lists them (number, date, supplier, object), without their
 * lines: the page's amounts per EJ come from the domain's creditSummary over the facts already loaded.
 */
export async function listEjHeadings(conventionId: string) {
  const ejs = await db().engagementJuridique.findMany({
    where: { conventionId },
    orderBy: [{ orderedOn: "asc" }, { chorusNumber: "asc" }, { lineNumber: "asc" }],
    select: { id: true, chorusNumber: true, lineNumber: true, orderedOn: true, supplierName: true, object: true },
  });
  return ejs.map((ej) => ({ ...ej, orderedOn: isoDate(ej.orderedOn) }));
}

export async function listExpenditures(conventionId: string) {
  const ejs = await db().engagementJuridique.findMany({
    where: { conventionId },
    orderBy: [{ orderedOn: "asc" }, { chorusNumber: "asc" }, { lineNumber: "asc" }],
    include: {
      createdBy: name,
      movements: { orderBy: [{ movedOn: "asc" }, { createdAt: "asc" }], include: { createdBy: name, reversedBy: { select: { id: true } } } },
      serviceFaits: { orderBy: { doneOn: "asc" }, include: { createdBy: name } },
      payments: { orderBy: [{ paidOn: "asc" }, { createdAt: "asc" }], include: { createdBy: name, reversedBy: { select: { id: true } } } },
    },
  });
  return ejs.map((ej) => ({
    id: ej.id,
    chorusNumber: ej.chorusNumber,
    lineNumber: ej.lineNumber,
    orderedOn: isoDate(ej.orderedOn),
    supplierName: ej.supplierName,
    supplierSiret: ej.supplierSiret,
    object: ej.object,
    marche: ej.marche,
    imputation: { domaineFonctionnel: ej.domaineFonctionnel, centreFinancier: ej.centreFinancier, activite: ej.activite, centreDeCout: ej.centreDeCout },
    source: ej.source,
    createdByName: ej.createdBy.fullName,
    movements: ej.movements.map((m) => ({
      id: m.id,
      kind: m.kind,
      movedOn: isoDate(m.movedOn),
      amountCents: m.amountCents,
      reason: m.reason,
      reversed: m.reversedBy !== null,
      reversesId: m.reversesId,
      createdByName: m.createdBy.fullName,
    })),
    serviceFaits: ej.serviceFaits.map((s) => ({ id: s.id, doneOn: isoDate(s.doneOn), reference: s.reference, amountCents: s.amountCents, createdByName: s.createdBy.fullName })),
    payments: ej.payments.map((p) => ({
      id: p.id,
      dpNumber: p.dpNumber,
      paidOn: isoDate(p.paidOn),
      amountCents: p.amountCents,
      reversed: p.reversedBy !== null,
      reversesId: p.reversesId,
      source: p.source,
      createdByName: p.createdBy.fullName,
    })),
  }));
}

export type ExpenditureEj = Awaited<ReturnType<typeof listExpenditures>>[number];
