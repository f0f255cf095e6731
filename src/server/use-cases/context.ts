import "server-only";
// A use case is one change to the record, as a plain function of (context, parsed input): the transaction it
// writes in (the convention locked by the caller), the actor, the convention and the day it acts on. Server
// actions, the Chorus import, the command-line tools and the demo seed all call the same functions, so a
// rule is applied — and an audit entry written — the same way whoever asks. The day is given, not read from
// the clock: the app passes today (Paris), the seed replays the demo on its story dates, tests choose theirs.
import type { IsoDate } from "@/domain/dates";
import type { Actor, ConventionParties } from "@/domain/permissions";
import { newAuditContext, recordAudit, type AuditContext, type AuditRecord, type Tx } from "../db/audit";

export interface UseCaseContext {
  tx: Tx;
  actor: Actor;
  conventionId: string;
  parties: ConventionParties;
  /** The day the use case acts on: what "today" means for its rules (no future date, released on…). */
  today: IsoDate;
  /** Writes one audit entry of this user action, in the same transaction. */
  audit: (record: Omit<AuditRecord, "conventionId">) => Promise<void>;
}

/** A refusal that a use case decides (a rule of the domain), with its French message and the field it concerns. */
export class Refusal extends Error {
  constructor(
    readonly userMessage: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(userMessage);
  }
}

/** The context of one user action: every audit entry it writes shares one action id. */
export function useCaseContext(options: { tx: Tx; actor: Actor; conventionId: string; parties: ConventionParties; today: IsoDate; auditContext?: AuditContext }): UseCaseContext {
  const auditContext = options.auditContext ?? newAuditContext(options.actor);
  const { tx, actor, conventionId, parties, today } = options;
  return { tx, actor, conventionId, parties, today, audit: (record) => recordAudit(tx, auditContext, { ...record, conventionId }) };
}
