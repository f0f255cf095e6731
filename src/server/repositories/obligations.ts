import "server-only";
// The obligations register of a convention: each obligation with its follow-ups (newest first), its due date,
// wording and status derived at `today` from the terms in force and the records that fulfil it
// (src/domain/obligation-terms.ts): the latest declared status, "en retard" past its due date, "respectée" once
// the record that fulfils it exists (the accepted final report).
import { db } from "../db";
import type { Tx } from "../db/audit";
import { isoDate, type IsoDate } from "@/domain/dates";
import { conventionStanding } from "@/domain/convention-view";
import { deriveObligation, obligationTermsOf, type ObligationTerms } from "@/domain/obligation-terms";
import type { DeclaredStatus, ObligationKind, ObligationStatusResult } from "@/domain/obligations";
import type { PartyRole } from "@/domain/permissions";
import { loadConventionFacts, type ConventionFactsRecord } from "./convention-facts";
import { conventionForRender } from "./convention-render";
import { clock } from "../clock";

export interface ObligationUpdateRecord {
  id: string;
  status: DeclaredStatus;
  evidenceUrl: string | null;
  note: string | null;
  evidenceOn: IsoDate | null;
  authorName: string;
  createdAt: Date;
}

export interface ObligationRecord extends ObligationStatusResult {
  id: string;
  code: string;
  article: string;
  owedBy: PartyRole;
  title: string;
  description: string;
  kind: ObligationKind;
  dueOn: IsoDate | null;
  /** Newest first. */
  updates: ObligationUpdateRecord[];
}

/**
 * A convention's register at `today`. Given a client (a transaction), on facts read through it; without one (a
 * page), on the facts its layout already loaded for that render (conventionForRender): one load, not two.
 */
export async function loadObligations(conventionId: string, today: IsoDate, client?: Tx | ReturnType<typeof db>): Promise<ObligationRecord[]> {
  if (client) return (await loadObligationsOf([await loadConventionFacts(conventionId, client)], today, client)).get(conventionId) ?? [];
  // A page: the obligations are read while the facts load (or are taken from the render's load), not after.
  // The render's view is the standing at today (plus the timeline): its terms are reused rather than derived again.
  const [{ facts, view }, rows] = await Promise.all([conventionForRender(conventionId), obligationRows([conventionId], db())]);
  const terms = today === clock.today() ? obligationTermsOf(view, facts) : obligationTermsAt(facts, today);
  return registersOf([facts], rows, today, new Map([[conventionId, terms]])).get(conventionId) ?? [];
}

/** What the obligations of a convention follow at `today`: its terms in force and the records that fulfil them. */
export function obligationTermsAt(facts: ConventionFactsRecord, today: IsoDate): ObligationTerms {
  return obligationTermsOf(conventionStanding(facts, today), facts);
}

/** The registers of several conventions (their facts loaded by the caller) in one query, by convention. */
export async function loadObligationsOf(
  conventions: readonly ConventionFactsRecord[],
  today: IsoDate,
  client: Tx | ReturnType<typeof db> = db(),
): Promise<Map<string, ObligationRecord[]>> {
  return registersOf(conventions, await obligationRows(conventions.map((c) => c.id), client), today);
}

function obligationRows(conventionIds: string[], client: Tx | ReturnType<typeof db>) {
  return client.obligation.findMany({
    where: { conventionId: { in: conventionIds } },
    orderBy: { position: "asc" },
    include: { updates: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], include: { author: { select: { fullName: true } } } } },
  });
}

function registersOf(
  conventions: readonly ConventionFactsRecord[],
  rows: Awaited<ReturnType<typeof obligationRows>>,
  today: IsoDate,
  terms: Map<string, ObligationTerms> = new Map(conventions.map((c) => [c.id, obligationTermsAt(c, today)])),
): Map<string, ObligationRecord[]> {
  const registers = new Map<string, ObligationRecord[]>(conventions.map((c) => [c.id, []]));
  for (const o of rows) {
    const updates = o.updates.map((u) => ({
      id: u.id,
      status: u.status,
      evidenceUrl: u.evidenceUrl,
      note: u.note,
      evidenceOn: u.evidenceOn ? isoDate(u.evidenceOn) : null,
      authorName: u.author.fullName,
      createdAt: u.createdAt,
    }));
    const derived = deriveObligation(
      { code: o.code, title: o.title, description: o.description, dueOn: o.dueOn ? isoDate(o.dueOn) : null, declared: updates[0]?.status ?? null },
      terms.get(o.conventionId)!,
      today,
    );
    registers.get(o.conventionId)!.push({ id: o.id, code: o.code, article: o.article, owedBy: o.owedBy, kind: o.kind, updates, ...derived });
  }
  return registers;
}

/**
 * Late obligations per convention at `today` (DINUM's portfolio), derived as the register derives them: one
 * query for every obligation's latest declared status, whatever the number of conventions.
 */
export async function lateObligationCounts(conventions: readonly ConventionFactsRecord[], today: IsoDate, client: Tx | ReturnType<typeof db> = db()): Promise<Map<string, number>> {
  if (conventions.length === 0) return new Map();
  const rows = await client.$queryRaw<{ conventionId: string; code: string; dueOn: Date | null; status: DeclaredStatus | null }[]>`
    SELECT o.convention_id::text AS "conventionId", o.code, o.due_on AS "dueOn", latest.status
    FROM obligation o
    LEFT JOIN LATERAL (
      SELECT u.status FROM obligation_update u WHERE u.obligation_id = o.id ORDER BY u.created_at DESC, u.id DESC LIMIT 1
    ) latest ON true
    WHERE o.convention_id = ANY(${conventions.map((c) => c.id)}::uuid[])`;
  const terms = new Map(conventions.map((c) => [c.id, obligationTermsAt(c, today)]));
  const counts = new Map<string, number>();
  for (const r of rows) {
    const { status } = deriveObligation({ code: r.code, title: "", description: "", dueOn: r.dueOn ? isoDate(r.dueOn) : null, declared: r.status }, terms.get(r.conventionId)!, today);
    if (status === "EN_RETARD") counts.set(r.conventionId, (counts.get(r.conventionId) ?? 0) + 1);
  }
  return counts;
}

/** The late obligations of a convention (for the convention page and DINUM's portfolio). */
export async function lateObligationsOf(conventionId: string, today: IsoDate) {
  return (await loadObligations(conventionId, today)).filter((o) => o.status === "EN_RETARD");
}
