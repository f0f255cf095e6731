// The CSV export of a convention's expenditure (src/app/conventions/[id]/depenses/export/route.ts) against the
// real seeded database: one line per AE movement and per payment, supplier names and objects written as typed
// but never run by a spreadsheet as a formula, amounts exact (a reduction stays a negative number).
import { parse } from "csv-parse/sync";
import { describe, expect, it, vi } from "vitest";
import { actionHarness, SEEDED } from "../../tests/support/action-harness";
import { FAST14_DEMO_EXPENDITURES } from "../../prisma/seed/fast14-expenditures";

vi.mock("@/server/auth", () => import("../../tests/support/mocks/auth"));

const { GET } = await import("@/app/conventions/[id]/depenses/export/route");

const h = actionHarness();
const as = h.signInAs;
const fast14 = h.seeded(SEEDED.FAST14);


const exportOf = (id: string) => GET(new Request(`http://localhost/conventions/${id}/depenses/export`), { params: Promise.resolve({ id }) });

async function csvOf(response: Response) {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await response.arrayBuffer());
  return { text, records: parse(text, { delimiter: ";", bom: true, relax_column_count: false }) as string[][] };
}

describe("GET /conventions/[id]/depenses/export", () => {
  it("lists every AE movement and payment of the convention", async () => {
    as("gestionnaire@dnum-mte.example.fr");
    const response = await exportOf(fast14.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="depenses-FAST14-FCU-2026-12-03.csv"');
    const { records } = await csvOf(response);
    expect(records[0]).toEqual(["Type", "N° EJ", "Poste", "Date", "Nature", "N° DP", "AE (€)", "CP (€)", "Fournisseur", "SIRET", "Objet", "Centre financier", "Activité", "Origine", "Saisi par"]);
    const lines = FAST14_DEMO_EXPENDITURES.reduce((n, e) => n + 1 + e.movements.length + e.payments.length, 0);
    expect(records).toHaveLength(1 + lines);
    const first = FAST14_DEMO_EXPENDITURES[0]!;
    expect(records.find((r) => r[0] === "AE" && r[1] === first.chorusNumber && r[2] === String(first.lineNumber) && r[4] === "Engagement initial")).toMatchObject({
      3: first.orderedOn.split("-").reverse().join("/"),
      6: "48000,00",
      8: first.supplier.name,
      9: first.supplier.siret,
      10: first.object,
    });
  });

  it("neutralises a supplier name or an object a spreadsheet would run as a formula, not a negative amount", async () => {
    as("gestionnaire@dnum-mte.example.fr");
    const first = FAST14_DEMO_EXPENDITURES[0]!;
    const ej = await h.prisma.engagementJuridique.findFirstOrThrow({ where: { conventionId: fast14.id, chorusNumber: first.chorusNumber, lineNumber: first.lineNumber } });
    await h.prisma.engagementJuridique.update({ where: { id: ej.id }, data: { supplierName: '=HYPERLINK("http://x","y")', object: "+33 1 40 15 70 00" } });
    await h.prisma.ejMovement.create({
      data: { ejId: ej.id, kind: "REDUCTION", movedOn: new Date("2024-07-01"), amountCents: -123_450n, reason: "Réduction", createdById: h.actor("gestionnaire@dnum-mte.example.fr").userId },
    });
    const { text, records } = await csvOf(await exportOf(fast14.id));
    const ejRows = records.filter((r) => r[1] === first.chorusNumber && r[2] === String(first.lineNumber));
    expect(ejRows.length).toBeGreaterThan(1);
    for (const row of ejRows) {
      expect(row[8]).toBe(`'=HYPERLINK("http://x","y")`);
      expect(row[10]).toBe("'+33 1 40 15 70 00");
    }
    expect(text).toContain(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(ejRows.find((r) => r[4] === "Réduction")).toMatchObject({ 0: "AE", 3: "01/07/2024", 6: "-1234,50", 7: "" });
  });

  it("refuses other organisations (403) and anonymous visitors (401)", async () => {
    as("intrapreneur@ddt-demo.example.fr");
    expect((await exportOf(fast14.id)).status).toBe(403);
    as(null);
    expect((await exportOf(fast14.id)).status).toBe(401);
  });
});
