import "server-only";
// The use-case runner: every change to a convention runs through it, in the caller's transaction (the
// convention locked by the caller): the use case writes its records and its audit entries, then the runner
// rewrites the convention's standing in DINUM's portfolio (src/server/repositories/standing.ts) in the same
// transaction, so the portfolio never reads a standing older than the facts (docs/adr/0007-persisted-standing.md).
// Server actions (runConventionAction, and runConventionCreation for a new draft), the Chorus import and the
// demo seed go through it.
import { refreshStanding } from "../repositories/standing";
import { todayInParis } from "@/domain/dates";
import { useCaseContext, type RecordContext, type UseCaseContext } from "./context";

export type ConventionUseCaseOptions = Parameters<typeof useCaseContext>[0];

/** Runs one use case on a convention, then rewrites its standing from the use case's day on. */
export async function runConventionUseCase<T>(options: ConventionUseCaseOptions, run: (ctx: UseCaseContext) => Promise<T>): Promise<T> {
  const context = useCaseContext(options);
  const result = await run(context);
  await refreshStanding(context.tx, context.conventionId, context.today);
  return result;
}

/** Runs a use case that creates a convention (a draft), then computes the new convention's standing. */
export async function runConventionCreation(ctx: RecordContext, create: () => Promise<string>): Promise<string> {
  const conventionId = await create();
  await refreshStanding(ctx.tx, conventionId, todayInParis(ctx.now));
  return conventionId;
}
