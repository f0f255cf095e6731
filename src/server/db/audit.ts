// The audit trail: every change to the record writes an entry in the same transaction as the change.
// Entries are immutable (a trigger refuses UPDATE and DELETE). One actionId groups a user action.
import { randomUUID } from "node:crypto";
import type { Prisma } from "../../generated/prisma/client";
import type { Actor } from "../../domain/permissions";

export type Tx = Prisma.TransactionClient;

export interface AuditContext {
  actionId: string;
  actor: Actor | null;
  /** When the action happened, if not now: the demo replays its story on its own dates. */
  at?: Date;
}

export function newAuditContext(actor: Actor | null): AuditContext {
  return { actionId: randomUUID(), actor };
}

export interface AuditRecord {
  kind: string;
  conventionId?: string | null;
  entity?: string;
  entityId?: string;
  before?: unknown;
  after?: unknown;
}

/** JSON-safe copy: bigint cents become strings, dates ISO strings. */
export function jsonSafe(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v))) as Prisma.InputJsonValue;
}

export async function recordAudit(tx: Tx, ctx: AuditContext, record: AuditRecord): Promise<void> {
  await tx.auditEntry.create({
    data: {
      actionId: ctx.actionId,
      ...(ctx.at ? { at: ctx.at } : {}),
      userId: ctx.actor?.userId ?? null,
      organisationId: ctx.actor?.organisationId ?? null,
      role: ctx.actor?.role ?? null,
      conventionId: record.conventionId ?? null,
      kind: record.kind,
      entity: record.entity ?? null,
      entityId: record.entityId ?? null,
      before: jsonSafe(record.before),
      after: jsonSafe(record.after),
    },
  });
}
