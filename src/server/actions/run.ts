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
import { lockConvention } from "../db/lock";
import { AppError, ERRORS, toAppError } from "../errors";
import { Refusal, useCaseContext, type UseCaseContext } from "../use-cases/context";
import { todayInParis } from "@/domain/dates";
import type { ConventionAction } from "@/domain/permissions";
import "../zod-fr";

export { Refusal };

export type ActionResult<T = void> =
  | { ok: true; data: T; message?: string }
  | { ok: false; message: string; fieldErrors?: Record<string, string> };

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
      const fieldErrors = fieldErrorsOf(parsed.error);
      // A problem of the form as a whole ("an avenant changes at least one thing") is the message itself.
      return { ok: false, message: fieldErrors._ ?? "Certaines informations sont à corriger.", fieldErrors };
    }
    const today = todayInParis();
    const data = await db().$transaction(
      async (tx) => {
        await lockConvention(tx, access.conventionId);
        const context = useCaseContext({ tx, actor, conventionId: access.conventionId, parties: access.parties, today });
        return options.run({ ...context, input: parsed.data });
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
