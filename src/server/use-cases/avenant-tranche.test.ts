// Issue 19 §4: the complementary tranche an avenant adds is dated at the avenant's signature, not the
// convention's. A 2026 convention of its own with both tranches released; the use case on the day it is given.
import { describe, expect, it } from "vitest";
import { ACCOUNTS, actionHarness } from "../../../tests/support/action-harness";
import { createConvention } from "../../../tests/factories/conventions";
import { deriveConvention } from "@/domain/convention-view";
import { loadConventionFacts } from "../repositories/convention-facts";
import { recordAvenant, recordAvenantInput } from "./convention-life";
import { useCaseContext } from "./context";

const h = actionHarness();

describe("a complementary tranche", () => {
  it("is due from the avenant's signature: its reason and its date in the timeline say so", async () => {
    const c = await createConvention(h.prisma, {
      signedOn: "2026-01-05",
      endsOn: "2026-12-31",
      credits: [{ year: 2026, aeCents: 8_000_000n, cpCents: 8_000_000n }],
      review: { reviewedOn: "2026-03-02", verdict: "SATISFAISANTE" },
      released: [
        { rank: 1, releasedOn: "2026-01-09" },
        { rank: 2, releasedOn: "2026-03-05" },
      ],
    });
    const form = { conventionId: c.id, number: "1", signedOn: "2026-06-01", object: "Abondement", creditYears: "2026", "ae-2026": "90 000", "cp-2026": "90 000" };
    await h.prisma.$transaction((tx) =>
      recordAvenant(useCaseContext({ tx, actor: h.actor(ACCOUNTS.PILOTE), conventionId: c.id, parties: c.parties, today: "2026-06-02" }), recordAvenantInput.parse(form)),
    );
    const view = deriveConvention(await loadConventionFacts(c.id), "2026-06-02");
    const t3 = view.tranches.find((t) => t.rank === 3 && t.creditType === "AE")!;
    expect(t3).toMatchObject({ status: "DEBLOQUABLE", amountCents: 1_000_000n, fromAvenant: { number: 1, signedOn: "2026-06-01" } });
    expect(t3.reason).toBe("Avenant n° 1 signé le 1er juin 2026 : la tranche qu'il ajoute est due dès sa signature.");
    expect(view.timeline.find((e) => e.kind === "TRANCHE" && e.label.startsWith("Tranche 3"))!.date).toBe("2026-06-01");
  });
});
