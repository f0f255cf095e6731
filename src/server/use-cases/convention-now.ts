import "server-only";
// The convention as a use case's day sees it: its facts, read in the use case's transaction (the caller has
// locked the convention), and the one derivation every screen uses (state, terms in force, credits, tranches).
import { deriveConvention } from "@/domain/convention-view";
import { loadConventionFacts } from "../repositories/convention-facts";
import type { UseCaseContext } from "./context";

/** The convention's facts and its view on the use case's day. */
export async function conventionNow({ tx, conventionId, today }: Pick<UseCaseContext, "tx" | "conventionId" | "today">) {
  const facts = await loadConventionFacts(conventionId, tx);
  return { facts, view: deriveConvention(facts, today) };
}
