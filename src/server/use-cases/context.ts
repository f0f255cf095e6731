import "server-only";
// A use case is one change to the record, as a plain function of (context, parsed input): the transaction it
// writes in (the convention locked by the caller), the actor, the convention and the day it acts on. Server
// actions, the Chorus import, the command-line tools and the demo seed all call the same functions, so a
// rule is applied — and an audit entry written — the same way whoever asks. The day is given, not read from
// the clock: the app passes today (Paris), the seed replays the demo on its story dates, tests choose theirs.
import type { IsoDate } from "@/domain/dates";
import { failureIn, messageOf, type Failure } from "@/domain/failures";
import type { Actor, ConventionParties } from "@/domain/permissions";
import { newAuditContext, recordAudit, type AuditContext, type AuditRecord, type Tx } from "../db/audit";

export interface UseCaseContext {
  tx: Tx;
  actor: Actor;
  conventionId: string;
  parties: ConventionParties;
  /** The day the use case acts on: what "today" means for its rules (no future date, released on…). */
  today: IsoDate;
  /** The moment within that day, for the records that keep one (a notice's answer). */
  now: Date;
  /** Writes one audit entry of this user action, in the same transaction. */
  audit: (record: Omit<AuditRecord, "conventionId">) => Promise<void>;
}

/**
 * A refusal that a use case decides (a rule of the domain): a coded `Failure` whose French words come from the
 * catalogue (src/domain/failures.ts) — a check's refusal may be passed as it is — and, if the failure's field
 * is not enough, the message of each field it concerns (see docs/adr/0006-coded-failures.md).
 */
export class Refusal extends Error {
  readonly failure: Failure;
  readonly userMessage: string;
  readonly fieldErrors?: Record<string, string>;
  constructor(refusal: Failure, fieldErrors?: Record<string, string>) {
    const coded = failureIn(refusal);
    const message = messageOf(coded);
    super(message);
    this.failure = coded;
    this.userMessage = message;
    this.fieldErrors = coded.field && !fieldErrors ? { [coded.field]: message } : fieldErrors;
  }
}

/** The context of one user action: every audit entry it writes shares one action id. */
export function useCaseContext(options: { tx: Tx; actor: Actor; conventionId: string; parties: ConventionParties; today: IsoDate; now?: Date; auditContext?: AuditContext }): UseCaseContext {
  const auditContext = options.auditContext ?? newAuditContext(options.actor);
  const { tx, actor, conventionId, parties, today } = options;
  // Given a day only (the seed's story dates, tests), the use case acts at noon in Paris that day.
  const now = options.now ?? new Date(`${today}T12:00:00+01:00`);
  return { tx, actor, conventionId, parties, today, now, audit: (record) => recordAudit(tx, auditContext, { ...record, conventionId }) };
}

/**
 * The context of a change not tied to a convention (organisations, accounts, invitations): the transaction,
 * the moment it acts at — what "now" means for its rules (a link sent now expires in 7 days) — and the audit
 * writer. The app passes the clock; tests and commands choose theirs.
 */
export interface RecordContext {
  tx: Tx;
  now: Date;
  /** Writes one audit entry of this action, in the same transaction (of a convention it creates, if it names one). */
  audit: (record: AuditRecord) => Promise<void>;
}

/** A change made by a known user (an administrator whose permission the caller checked, an invited agent). */
export interface ActorContext extends RecordContext {
  actor: Actor;
}

/** The context of one change outside conventions; `actor` null for the command line (the operator). */
export function recordContext(options: { tx: Tx; actor: Actor; now: Date; auditContext?: AuditContext }): ActorContext;
export function recordContext(options: { tx: Tx; actor: null; now: Date; auditContext?: AuditContext }): RecordContext;
export function recordContext(options: { tx: Tx; actor: Actor | null; now: Date; auditContext?: AuditContext }): RecordContext | ActorContext {
  const auditContext = options.auditContext ?? newAuditContext(options.actor);
  const { tx, actor, now } = options;
  const audit = (record: AuditRecord) => recordAudit(tx, auditContext, record);
  return actor ? { tx, actor, now, audit } : { tx, now, audit };
}
