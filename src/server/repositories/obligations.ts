import "server-only";
// The obligations register of a convention: each obligation with its follow-ups (newest first) and its
// status derived at `today` (the latest declared one, or "en retard" past its due date).
import { db } from "../db";
import type { Tx } from "../db/audit";
import { isoDate, type IsoDate } from "@/domain/dates";
import { obligationStatus, type DeclaredStatus, type ObligationKind, type ObligationStatusResult } from "@/domain/obligations";
import type { PartyRole } from "@/domain/permissions";

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

export async function loadObligations(conventionId: string, today: IsoDate, client: Tx | ReturnType<typeof db> = db()): Promise<ObligationRecord[]> {
  return (await loadObligationsOf([conventionId], today, client)).get(conventionId) ?? [];
}

/** The registers of several conventions in one query, by convention (the calendar feed of all of them). */
export async function loadObligationsOf(
  conventionIds: readonly string[],
  today: IsoDate,
  client: Tx | ReturnType<typeof db> = db(),
): Promise<Map<string, ObligationRecord[]>> {
  const rows = await client.obligation.findMany({
    where: { conventionId: { in: [...conventionIds] } },
    orderBy: { position: "asc" },
    include: { updates: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], include: { author: { select: { fullName: true } } } } },
  });
  const registers = new Map<string, ObligationRecord[]>(conventionIds.map((id) => [id, []]));
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
    const dueOn = o.dueOn ? isoDate(o.dueOn) : null;
    registers.get(o.conventionId)!.push({
      id: o.id,
      code: o.code,
      article: o.article,
      owedBy: o.owedBy,
      title: o.title,
      description: o.description,
      kind: o.kind,
      dueOn,
      updates,
      ...obligationStatus({ declared: updates[0]?.status ?? null, dueOn }, today),
    });
  }
  return registers;
}

/** The late obligations of a convention (for the convention page and DINUM's portfolio). */
export async function lateObligationsOf(conventionId: string, today: IsoDate) {
  return (await loadObligations(conventionId, today)).filter((o) => o.status === "EN_RETARD");
}
