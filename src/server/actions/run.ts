import "server-only";
// The one way a server action changes the record: session → permission on the convention (its id is
// validated by checkConvention) → validation of the whole input → one transaction (with the convention
// locked, the audit trail written in it) → revalidation. A refused write leaves nothing behind.
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { checkConvention, currentActor } from "../authz";
import { db } from "../db";
import { newAuditContext, recordAudit, type AuditContext, type AuditRecord, type Tx } from "../db/audit";
import { lockConvention } from "../db/lock";
import { AppError, ERRORS, toAppError } from "../errors";
import type { Actor, ConventionAction, ConventionParties } from "@/domain/permissions";
import "../zod-fr";

export type ActionResult<T = undefined> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

/** A refusal that the use case itself decides (a rule of the domain), with its French message. */
export class Refusal extends Error {
  constructor(
    readonly userMessage: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(userMessage);
  }
}

export interface ActionContext<I> {
  tx: Tx;
  input: I;
  actor: Actor;
  conventionId: string;
  parties: ConventionParties;
  audit: (record: Omit<AuditRecord, "conventionId">) => Promise<void>;
}

/** A form's text fields as a plain object, the input every action's zod schema reads (files are ignored). */
export function formFields(formData: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of formData.entries()) if (typeof value === "string") out[key] = value;
  return out;
}

function fieldErrorsOf(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

export async function runConventionAction<S extends z.ZodType<{ conventionId: string }>, T>(options: {
  action: ConventionAction;
  schema: S;
  input: unknown;
  run: (ctx: ActionContext<z.infer<S>>) => Promise<T>;
  /** Paths to refresh once committed, given the convention id. */
  revalidate?: (conventionId: string) => string[];
  successMessage?: string;
}): Promise<ActionResult<T>> {
  try {
    const actor = await currentActor();
    if (!actor) return { ok: false, message: ERRORS.UNAUTHENTICATED };
    // Permission first, on the convention's id alone (checkConvention treats any malformed id as unknown):
    // someone who may not act learns nothing about what the form would accept.
    const conventionId = typeof options.input === "object" && options.input !== null ? (options.input as { conventionId?: unknown }).conventionId : undefined;
    const access = await checkConvention(actor, options.action, conventionId);
    if (!access.ok) {
      return { ok: false, message: access.status === 404 ? ERRORS.NOT_FOUND : access.status === 401 ? ERRORS.UNAUTHENTICATED : ERRORS.FORBIDDEN };
    }
    const parsed = options.schema.safeParse(options.input);
    if (!parsed.success) {
      return { ok: false, message: "Certaines informations sont à corriger.", fieldErrors: fieldErrorsOf(parsed.error) };
    }
    const auditContext: AuditContext = newAuditContext(actor);
    const data = await db().$transaction(
      async (tx) => {
        await lockConvention(tx, access.conventionId);
        return options.run({
          tx,
          input: parsed.data,
          actor,
          conventionId: access.conventionId,
          parties: access.parties,
          audit: (record) => recordAudit(tx, auditContext, { ...record, conventionId: access.conventionId }),
        });
      },
      // Writes on one convention queue on its lock: waiting for a connection or the lock is normal, not an error.
      { maxWait: 30_000, timeout: 30_000 },
    );
    for (const path of options.revalidate?.(access.conventionId) ?? []) revalidatePath(path);
    return { ok: true, data, message: options.successMessage };
  } catch (error) {
    unstable_rethrow(error); // Next's own control flow (redirects, not-found) is not a failure.
    if (error instanceof Refusal) return { ok: false, message: error.userMessage, fieldErrors: error.fieldErrors };
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return { ok: false, message: "Cet enregistrement existe déjà (doublon refusé)." };
    }
    const appError = error instanceof AppError ? error : toAppError(error);
    console.error(`[action ${options.action}] ${appError.code}: ${appError.message}`);
    return { ok: false, message: appError.userMessage };
  }
}
