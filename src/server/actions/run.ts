import "server-only";
// The one way a server action changes the record: session → permission on the convention (its id is
// validated by checkConvention) → validation of the whole input → one transaction (with the convention
// locked, the audit trail written in it) → revalidation. A refused write leaves nothing behind.
import { revalidatePath } from "next/cache";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { Prisma } from "@/generated/prisma/client";
import { checkConvention, checkGlobal, currentActor } from "../authz";
import { db } from "../db";
import { lockConvention } from "../db/lock";
import { AppError, toAppError } from "../errors";
import { Refusal, recordContext, type ActorContext, type UseCaseContext } from "../use-cases/context";
import { runConventionUseCase } from "../use-cases/run";
import { todayInParis } from "@/domain/dates";
import { clock } from "@/server/clock";
import { failure, messageOf, type Failure, type FailureCode } from "@/domain/failures";
import type { ConventionAction, GlobalAction } from "@/domain/permissions";
import "../zod-fr";

export { Refusal };

export type ActionResult<T = void> =
  /** `link`: a link the user is to see and pass on (an invitation when no mail server is configured). */
  | { ok: true; data: T; message?: string; link?: { href: string; label: string } }
  /** `code`: the catalogue's code of the refusal (src/domain/failures.ts); `message` its French words. */
  | { ok: false; code: FailureCode; message: string; fieldErrors?: Record<string, string> };

/** A use case's context (today is today in Paris) with the action's parsed input. */
export interface ActionContext<I> extends UseCaseContext {
  input: I;
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

/** The input parsed whole, or the refusal that names every field to correct. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.infer<S> } | { ok: false; code: "INVALID_INPUT"; message: string; fieldErrors: Record<string, string> } {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const fieldErrors = fieldErrorsOf(parsed.error);
  // A problem of the form as a whole ("an avenant changes at least one thing") is the message itself.
  return { ok: false, code: "INVALID_INPUT", message: fieldErrors._ ?? messageOf(failure("INVALID_INPUT")), fieldErrors };
}

/** An action's answer for a failure of the catalogue. */
export function refused(f: Failure, fieldErrors?: Record<string, string>): { ok: false; code: FailureCode; message: string; fieldErrors?: Record<string, string> } {
  const message = messageOf(f);
  const fields = fieldErrors ?? (f.field ? { [f.field]: message } : undefined);
  return { ok: false, code: f.code, message, ...(fields ? { fieldErrors: fields } : {}) };
}

/** What a user reads when a write fails: the use case's refusal, a duplicate, or the catalogue's message. */
export function failureOf(error: unknown, label: string): { ok: false; code: FailureCode; message: string; fieldErrors?: Record<string, string> } {
  unstable_rethrow(error); // Next's own control flow (redirects, not-found) is not a failure.
  if (error instanceof Refusal) return refused(error.failure, error.fieldErrors);
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return refused(failure("DUPLICATE", {}));
  const appError = error instanceof AppError ? error : toAppError(error);
  console.error(`[action ${label}] ${appError.code}: ${appError.message}`);
  return { ok: false, code: appError.code, message: appError.userMessage };
}

/** The refusal of a permission check (401, 403 or 404), coded. */
function accessRefused(status: number) {
  return refused(failure(status === 404 ? "NOT_FOUND" : status === 401 ? "UNAUTHENTICATED" : "FORBIDDEN"));
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
    if (!actor) return refused(failure("UNAUTHENTICATED"));
    // Permission first, on the convention's id alone (checkConvention treats any malformed id as unknown):
    // someone who may not act learns nothing about what the form would accept.
    const conventionId = typeof options.input === "object" && options.input !== null ? (options.input as { conventionId?: unknown }).conventionId : undefined;
    const access = await checkConvention(actor, options.action, conventionId);
    if (!access.ok) return accessRefused(access.status);
    const parsed = parseInput(options.schema, options.input);
    if (!parsed.ok) return parsed;
    const now = clock.now();
    const today = todayInParis(now);
    const data = await db().$transaction(
      async (tx) => {
        await lockConvention(tx, access.conventionId);
        return runConventionUseCase({ tx, actor, conventionId: access.conventionId, parties: access.parties, today, now }, (context) =>
          options.run({ ...context, input: parsed.data }),
        );
      },
      // Writes on one convention queue on its lock: waiting for a connection or the lock is normal, not an error.
      { maxWait: 30_000, timeout: 30_000 },
    );
    for (const path of options.revalidate?.(access.conventionId) ?? []) revalidatePath(path);
    return { ok: true, data, message: options.successMessage };
  } catch (error) {
    return failureOf(error, options.action);
  }
}

/**
 * The same for a change not tied to a convention (organisations, accounts): session → permission → whole-input
 * validation → one transaction at the clock's moment, audit written in it → revalidation.
 */
export async function runGlobalAction<S extends z.ZodType, T>(options: {
  action: GlobalAction;
  schema: S;
  input: unknown;
  run: (ctx: ActorContext & { input: z.infer<S> }) => Promise<T>;
  /** Paths to refresh once committed, given the parsed input. */
  revalidate?: (input: z.infer<S>) => string[];
  successMessage?: string;
}): Promise<ActionResult<T>> {
  try {
    const access = checkGlobal(await currentActor(), options.action);
    if (!access.ok) return accessRefused(access.status);
    const parsed = parseInput(options.schema, options.input);
    if (!parsed.ok) return parsed;
    const now = clock.now();
    const data = await db().$transaction((tx) => options.run({ ...recordContext({ tx, actor: access.actor, now }), input: parsed.data }), { maxWait: 30_000, timeout: 30_000 });
    for (const path of options.revalidate?.(parsed.data) ?? []) revalidatePath(path);
    return { ok: true, data, message: options.successMessage };
  } catch (error) {
    return failureOf(error, options.action);
  }
}
