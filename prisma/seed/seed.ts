// Writes the demo data (FAST 14 and a fictitious convention, demo accounts) into an empty database.
// Used by the start command on first start, by `npm run db:seed`, and by the integration tests.
import { hash } from "@node-rs/argon2";
import type { PrismaClient } from "../../src/generated/prisma/client";
import { recordAudit, newAuditContext, type Tx } from "../../src/server/db/audit";
import { compareDates, todayInParis, type IsoDate } from "../../src/domain/dates";
import { seedConvention } from "./seed-conventions";
import { shareOf } from "../../src/domain/money";
import type { Actor, ConventionParties } from "../../src/domain/permissions";
import { useCaseContext, type UseCaseContext } from "../../src/server/use-cases/context";
import { refreshStandings } from "../../src/server/repositories/standing";
import { recordReview, releaseTranche } from "../../src/server/use-cases/convention-life";
import { recordEj, recordEjMovement, recordPayment, recordServiceFait } from "../../src/server/use-cases/expenditures";
import { updateObligation } from "../../src/server/use-cases/obligations";
import { defineIndicator, recordAmbition, recordCommittee } from "../../src/server/use-cases/steering";
import { scaledFromDecimalString } from "../../src/domain/indicators";
import { FAST14_DEMO_EXPENDITURES, demoExpenditureProblems, type DemoEj } from "./fast14-expenditures";
import { FAST14_DEMO_AMBITION, FAST14_DEMO_COMMITTEES, FAST14_DEMO_INDICATORS, FAST14_DEMO_OBLIGATION_UPDATES, type DemoCommittee, type DemoIndicator } from "./fast14-steering";
import { DEMO_PASSWORD, DEMO_USERS, FAST14, FAST14_DEMO_HISTORY, demoFictive, demoFictiveHistory, type DemoHistory, ORGANISATIONS, type ConventionSeed, type OrganisationKey } from "./fast14";

export async function isSeeded(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.convention.count({ where: { reference: FAST14.reference } })) > 0;
}

/** `today` dates the fictitious convention (see demoFictive); FAST 14 is as signed whatever the day. */
export async function seedDemo(prisma: PrismaClient, today: IsoDate = todayInParis()): Promise<void> {
  // Sanity of the demo data itself: expenditure the app would refuse must not be seeded.
  const problems = demoExpenditureProblems(FAST14, FAST14_DEMO_HISTORY, FAST14_DEMO_EXPENDITURES);
  if (problems.length) throw new Error(`Demo expenditure of ${FAST14.reference} is unsound:\n${problems.join("\n")}`);
  const fictive = demoFictive(today);
  const histories: Record<string, DemoHistory> = { [FAST14.reference]: FAST14_DEMO_HISTORY, [fictive.reference]: demoFictiveHistory(fictive) };
  // Hash before the transaction: argon2 is deliberately slow and must not hold a transaction open.
  const passwordHash = await hash(DEMO_PASSWORD);
  const audit = newAuditContext(null);
  await prisma.$transaction(
    async (tx) => {
      const orgIds = {} as Record<OrganisationKey, string>;
      for (const [key, org] of Object.entries(ORGANISATIONS) as [OrganisationKey, (typeof ORGANISATIONS)[OrganisationKey]][]) {
        const created = await tx.organisation.create({
          data: {
            slug: org.slug,
            name: org.name,
            acronym: org.acronym,
            address: org.address,
            kind: org.kind,
            sirets: org.sirets,
            representatives: { create: { fullName: org.representative.fullName, title: org.representative.title } },
          },
        });
        orgIds[key] = created.id;
      }
      for (const user of DEMO_USERS) {
        await tx.user.create({
          data: { email: user.email, fullName: user.fullName, role: user.role, organisationId: orgIds[user.org], passwordHash },
        });
      }
      const pilote = await tx.user.findUniqueOrThrow({ where: { email: DEMO_USERS[0].email } });
      const piloteActor = { userId: pilote.id, organisationId: pilote.organisationId, role: pilote.role };
      const intrapreneur = await tx.user.findUniqueOrThrow({ where: { email: DEMO_USERS[1].email } });
      const intrapreneurActor = { userId: intrapreneur.id, organisationId: intrapreneur.organisationId, role: intrapreneur.role };
      const gestionnaire = await tx.user.findUniqueOrThrow({ where: { email: DEMO_USERS[2].email } });
      const gestionnaireActor = { userId: gestionnaire.id, organisationId: gestionnaire.organisationId, role: gestionnaire.role };
      for (const convention of [FAST14, fictive]) {
        const created = { id: await seedConvention(tx, convention, orgIds, piloteActor) };
        const parties = Object.fromEntries(
          (await tx.conventionParty.findMany({ where: { conventionId: created.id } })).map((p) => [p.role, p.organisationId]),
        ) as ConventionParties;
        /** A demo event, written by the app's own use case, on its story date, as its author. */
        // Its audit entry is dated on that day too (at noon in Paris): the trail tells the story in its order.
        const on = (today: IsoDate, actor: Actor): UseCaseContext =>
          useCaseContext({ tx, actor, conventionId: created.id, parties, today, auditContext: { ...newAuditContext(actor), at: new Date(`${today}T11:00:00Z`) } });
        const history = histories[convention.reference];
        // What happened, in the order it happened: releases and the review, then (FAST 14) the expenditure.
        const events: { on: IsoDate; order: number; write: () => Promise<unknown> }[] = [
          ...demoHistoryEvents(tx, created.id, convention, history, (today) => on(today, piloteActor)),
          ...(convention.reference === FAST14.reference ? demoExpenditureEvents(FAST14_DEMO_EXPENDITURES, created.id, (today) => on(today, gestionnaireActor)) : []),
        ];
        events.sort((a, b) => compareDates(a.on, b.on) || a.order - b.order);
        for (const event of events) await event.write();
        if (convention.reference === FAST14.reference) {
          await replayDemoSteering(tx, created.id, FAST14_DEMO_INDICATORS, FAST14_DEMO_COMMITTEES, (today) => on(today, intrapreneurActor));
          const authors = { pilote: piloteActor, intrapreneur: intrapreneurActor };
          for (const u of FAST14_DEMO_OBLIGATION_UPDATES) {
            const obligation = await tx.obligation.findUniqueOrThrow({ where: { conventionId_code: { conventionId: created.id, code: u.code } } });
            // Declared on the day of its evidence (or at signature), as the party that owes it.
            await updateObligation(on(u.evidenceOn ?? convention.signedOn, authors[u.by]), {
              conventionId: created.id,
              obligationId: obligation.id,
              status: u.status,
              evidenceUrl: u.evidenceUrl,
              note: u.note,
              evidenceOn: u.evidenceOn ?? undefined,
            });
          }
        }
      }
      // Their standings in the portfolio, on the seed's day, in its transaction (src/server/use-cases/run.ts does
      // it after each write of the app; the seed's story dates are past, the standing is today's and after).
      const seeded = await tx.convention.findMany({ where: { reference: { in: [FAST14.reference, fictive.reference] } }, select: { id: true } });
      await refreshStandings(tx, seeded.map((c) => c.id), today);
      await recordAudit(tx, audit, { kind: "demo.seed", after: { conventions: [FAST14.reference, fictive.reference] } });
    },
    { timeout: 60_000 },
  );
}

/**
 * The demo's review and releases, as DINUM recorded them: through the app's own use cases, each on its story
 * date (a release is made on the day it is recorded, for the amount the tranche is then worth).
 */
function demoHistoryEvents(tx: Tx, conventionId: string, c: ConventionSeed, history: DemoHistory | undefined, at: (today: IsoDate) => UseCaseContext) {
  if (!history) return [];
  const events: { on: IsoDate; order: number; write: () => Promise<unknown> }[] = [];
  const { review } = history;
  if (review) events.push({ on: review.reviewedOn, order: 0, write: () => recordReview(at(review.reviewedOn), { conventionId, ...review }) });
  for (const release of history.releases) {
    events.push({
      on: release.releasedOn,
      order: 1,
      write: async () => {
        for (const tranche of await tx.tranche.findMany({ where: { conventionId, rank: release.rank }, orderBy: [{ year: "asc" }, { creditType: "asc" }] })) {
          const credit = c.credits.find((x) => x.year === tranche.year)!;
          const confirmedAmountCents = shareOf(tranche.creditType === "AE" ? credit.aeCents : credit.cpCents, tranche.shareBasisPoints);
          await releaseTranche(at(release.releasedOn), { conventionId, trancheId: tranche.id, confirmedAmountCents });
        }
      },
    });
  }
  return events;
}

/**
 * FAST 14's demo indicators and committees, as the intrapreneur recorded them: through the app's own use
 * cases (indicators at the first committee, each committee on its day), then flagged as demo data.
 */
async function replayDemoSteering(tx: Tx, conventionId: string, indicators: DemoIndicator[], committees: DemoCommittee[], at: (today: IsoDate) => UseCaseContext) {
  const first = committees[0]?.heldOn;
  if (!first) return;
  const ids = new Map<string, string>();
  for (const { key, isPublic, ...fields } of indicators) ids.set(key, await defineIndicator(at(first), { conventionId, ...fields, visibility: isPublic }));
  const scaled = (text: string | null) => (text === null ? null : scaledFromDecimalString(text));
  // The launch ambition, set at the launch committee (issue 16).
  const { indicatorKey, target, ...ambition } = FAST14_DEMO_AMBITION;
  await recordAmbition(at(first), { conventionId, indicatorId: ids.get(indicatorKey)!, target: scaledFromDecimalString(target), ...ambition });
  for (const { measures, ...committee } of committees) {
    const id = await recordCommittee(at(committee.heldOn), {
      conventionId,
      ...committee,
      measures: Object.entries(measures).map(([key, m]) => ({ indicatorId: ids.get(key)!, result: scaled(m.result), objective: scaled(m.objective) })),
    });
    await tx.investmentCommittee.update({ where: { id }, data: { isDemoData: true } });
  }
}

/**
 * FAST 14's demo expenditure, as the délégataire typed it in: through the app's own use cases, each on its
 * story date, so the ceilings, dates and audit entries are the app's (a line the app would refuse fails here).
 */
function demoExpenditureEvents(ejs: readonly DemoEj[], conventionId: string, at: (today: IsoDate) => UseCaseContext) {
  const ids = new Map<DemoEj, string>();
  const events: { on: IsoDate; order: number; write: () => Promise<unknown> }[] = [];
  for (const ej of ejs) {
    events.push({
      on: ej.orderedOn,
      order: 2,
      write: async () => {
        const input = { conventionId, chorusNumber: ej.chorusNumber, lineNumber: ej.lineNumber, orderedOn: ej.orderedOn, supplierName: ej.supplier.name, supplierSiret: ej.supplier.siret, object: ej.object, amount: ej.amountCents };
        // The convention's imputation (null: the use case takes the convention's).
        const imputation = { domaineFonctionnel: null, centreFinancier: null, activite: null, centreDeCout: null };
        ids.set(ej, await recordEj(at(ej.orderedOn), { ...input, ...imputation }));
      },
    });
    for (const m of ej.movements) {
      const kind = m.amountCents > 0n ? "AUGMENTATION" : "REDUCTION";
      const amount = m.amountCents > 0n ? m.amountCents : -m.amountCents;
      events.push({ on: m.movedOn, order: 3, write: () => recordEjMovement(at(m.movedOn), { conventionId, ejId: ids.get(ej)!, kind, movedOn: m.movedOn, amount, reason: m.reason }) });
    }
    for (const sf of ej.serviceFaits) {
      events.push({ on: sf.doneOn, order: 4, write: () => recordServiceFait(at(sf.doneOn), { conventionId, ejId: ids.get(ej)!, doneOn: sf.doneOn, reference: sf.reference, amount: sf.amountCents }) });
    }
    for (const p of ej.payments) {
      events.push({ on: p.paidOn, order: 5, write: () => recordPayment(at(p.paidOn), { conventionId, ejId: ids.get(ej)!, dpNumber: p.dpNumber, paidOn: p.paidOn, amount: p.amountCents }) });
    }
  }
  return events;
}
