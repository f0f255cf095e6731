import "server-only";
// A convention's layout and its page render in the same request and read the same facts: React's cache()
// memoises the load for that one render, so they share one set of queries. Outside a render (server
// actions, route handlers, tests) cache() calls straight through: writes always read fresh facts.
import { cache } from "react";
import { loadConventionWithDetails } from "./convention-facts";
import { deriveConvention } from "@/domain/convention-view";
import { clock } from "@/server/clock";

/** The facts of a convention, its details (parties, references, publication) and its view at today (Paris), once per render. */
export const conventionForRender = cache(async (conventionId: string) => {
  const { facts, details } = await loadConventionWithDetails(conventionId);
  return { facts, details, view: deriveConvention(facts, clock.today()) };
});
