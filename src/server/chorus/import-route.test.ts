// The upload route of a Chorus extract (src/app/conventions/[id]/depenses/import/fichier/route.ts), called as
// the browser calls it: an apply plans the file once, in the write transaction. A file refused by its plan
// answers with the plan's refused lines and writes nothing; a good file is applied.
import { readFileSync } from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { actionHarness, ACCOUNTS, SEEDED } from "../../../tests/support/action-harness";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const { POST } = await import("@/app/conventions/[id]/depenses/import/fichier/route");

const h = actionHarness({ writes: ["engagementJuridique", "ejMovement", "paymentRequest", "chorusImport", "auditEntry"] });
const fast14 = h.seeded(SEEDED.FAST14);
const FILE = readFileSync("tests/fixtures/chorus/inf-bud-53-ae-fast14.csv", "utf8");

/** The route's NDJSON answer, event by event. */
async function upload(text: string, mode: "preview" | "apply") {
  const body = Buffer.from(text, "utf8");
  const response = await POST(
    new Request(`http://localhost/conventions/${fast14.id}/depenses/import/fichier?mode=${mode}&name=extrait.csv&size=${body.length}`, {
      method: "POST",
      body,
      headers: { origin: "http://localhost", host: "localhost", "content-length": String(body.length) },
    }),
    { params: Promise.resolve({ id: fast14.id }) },
  );
  expect(response.status).toBe(200);
  const events = (await response.text()).trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
  return events.find((e) => e.type === "result" || e.type === "error")!;
}

describe("applying an extract through the upload route", () => {
  it("a file over the ceiling: refused with the plan's refused line, nothing written", async () => {
    h.signInAs(ACCOUNTS.FAST14_GESTIONNAIRE);
    const before = await h.footprint();
    const result = await upload(FILE.replace("17500", "27500"), "apply");
    expect(result).toMatchObject({ type: "result", applied: false, recorded: false, refusalCode: "IMPORT_LINES_REFUSED", rejectedCount: 1 });
    expect(result.rejected).toEqual([expect.objectContaining({ lineNumber: 12, code: "AE_ALLOCATION_EXCEEDED" })]);
    expect(await h.footprint()).toEqual(before);
  });

  it("the same file as it is: previewed (nothing written), then applied", async () => {
    h.signInAs(ACCOUNTS.FAST14_GESTIONNAIRE);
    const before = await h.footprint();
    const preview = await upload(FILE, "preview");
    expect(preview).toMatchObject({ type: "result", applied: false, refusal: null });
    expect(await h.footprint()).toEqual(before);
    const applied = await upload(FILE, "apply");
    expect(applied).toMatchObject({ type: "result", applied: true, recorded: true, refusal: null, newMovements: preview.newMovements });
    expect(await h.footprint()).not.toEqual(before);
  });
});
