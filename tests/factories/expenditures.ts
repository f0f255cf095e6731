// An engagement juridique (one Chorus EJ line) already recorded on a convention, with its initial AE line and
// whatever movements and payments the test needs, written through Prisma in one call. It bypasses the
// ceilings on purpose: the test states the state it starts from (keep within what the convention made
// available if the test then writes through the app).
import type { PrismaClient } from "@/generated/prisma/client";
import type { EjMovementKind, RecordSource } from "@/generated/prisma/enums";
import { toDbDate, type IsoDate } from "@/domain/dates";

export interface EjOverrides {
  conventionId: string;
  /** Default a random 10-digit number starting with 13. */
  chorusNumber?: string;
  lineNumber?: number;
  orderedOn: IsoDate;
  /** The initial AE line. */
  amountCents: bigint;
  supplierName?: string;
  supplierSiret?: string | null;
  object?: string;
  source?: RecordSource;
  /** Later AE lines, signed (a reduction is negative). */
  movements?: { kind: Exclude<EjMovementKind, "INITIAL">; movedOn: IsoDate; amountCents: bigint; reason?: string }[];
  payments?: { dpNumber: string; paidOn: IsoDate; amountCents: bigint }[];
  /** Who typed it in; default the délégataire's first GESTIONNAIRE account. */
  createdById?: string;
}

export interface FactoryEj {
  id: string;
  chorusNumber: string;
  lineNumber: number;
}

export async function createEj(prisma: PrismaClient, overrides: EjOverrides): Promise<FactoryEj> {
  const { conventionId, orderedOn, amountCents } = overrides;
  const convention = await prisma.convention.findUniqueOrThrow({ where: { id: conventionId }, include: { parties: { where: { role: "DELEGATAIRE" } } } });
  const createdById =
    overrides.createdById ??
    (await prisma.user.findFirstOrThrow({ where: { organisationId: convention.parties[0]!.organisationId, role: "GESTIONNAIRE" }, orderBy: { email: "asc" } })).id;
  const chorusNumber = overrides.chorusNumber ?? `13${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const lineNumber = overrides.lineNumber ?? 1;
  const source = overrides.source ?? "SAISIE";
  const created = await prisma.engagementJuridique.create({
    data: {
      conventionId,
      chorusNumber,
      lineNumber,
      orderedOn: toDbDate(orderedOn),
      supplierName: overrides.supplierName ?? "Fournisseur de test",
      supplierSiret: overrides.supplierSiret ?? null,
      object: overrides.object ?? "Bon de commande de test",
      // The convention's imputation, as the app writes it.
      marche: convention.marche,
      domaineFonctionnel: convention.domaineFonctionnel,
      centreFinancier: convention.centreFinancier,
      activite: convention.activite,
      centreDeCout: convention.centreDeCout,
      source,
      createdById,
      movements: {
        create: [
          { kind: "INITIAL", movedOn: toDbDate(orderedOn), amountCents, createdById },
          ...(overrides.movements ?? []).map((m) => ({ kind: m.kind, movedOn: toDbDate(m.movedOn), amountCents: m.amountCents, reason: m.reason ?? null, createdById })),
        ],
      },
      payments: { create: (overrides.payments ?? []).map((p) => ({ conventionId, dpNumber: p.dpNumber, paidOn: toDbDate(p.paidOn), amountCents: p.amountCents, source, createdById })) },
    },
  });
  return { id: created.id, chorusNumber, lineNumber };
}
