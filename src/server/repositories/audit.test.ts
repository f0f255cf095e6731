// The demo's audit trail read as the Historique page shows it: every entry of FAST 14 a French sentence with
// details in words (no English key, no cents, no ISO date), each demo event on its story date.
import { describe, expect, it, vi } from "vitest";
import { actionHarness, SEEDED } from "../../../tests/support/action-harness";
import { auditDetails, auditSentence } from "@/components/audit-sentences";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const { listConventionAudit } = await import("./audit");

const h = actionHarness({ writes: [] });
const fast14 = h.seeded(SEEDED.FAST14);
const plain = (s: string) => s.replace(/\u202f|\u00a0/g, " ");

describe("the Historique of FAST 14's demo", () => {
  it("reads every entry as a French sentence, details in words", async () => {
    const { entries } = await listConventionAudit(fast14.id, {});
    expect(entries.length).toBeGreaterThan(10);
    for (const e of entries) {
      // Identifiers (EJ and DP numbers, references in quotes) may hold long numbers; amounts may not.
      const words = [auditSentence(e), ...auditDetails(e)].map((t) => plain(t).replace(/EJ \d+|n° \d+|DP \d+|Demande de paiement : \d+|« [^»]* »|Référence : .*|(Activité|Centre de coûts|UO \/ centre financier|Domaine fonctionnel|Service exécutant|Programme \(BOP\)|Identifiant de la startup|Page beta\.gouv) : \S+/g, ""));
      for (const text of words) {
        // No camelCase key, no UPPER_SNAKE value, no amount in cents, no ISO date.
        expect(text, `${e.kind}: ${text}`).not.toMatch(/\b[a-z]+[A-Z][a-zA-Z]*\b|\b[A-Z]{3,}_[A-Z_]+\b|\b(AUGMENTATION|REDUCTION|INITIAL)\b|\b\d{5,}\b|\d{4}-\d{2}-\d{2}/);
      }
    }
    const releases = entries.filter((e) => e.kind === "tranche.release").map((e) => plain(auditSentence(e)));
    expect(releases).toContain("Camille Martin (démo) a débloqué la tranche 2 AE 2024 : 60 500,00 €.");
  });

  it("dates each demo event on its story date", async () => {
    const { entries } = await listConventionAudit(fast14.id, { family: "tranche" });
    expect(entries.map((e) => e.at.toISOString().slice(0, 10)).sort()).toEqual(["2024-03-04", "2024-03-04", "2024-05-13", "2024-05-13"]);
  });
});
