import { describe, expect, it } from "vitest";
import { checkObligationUpdate, lateObligations, obligationStatus } from "./obligations";

describe("obligationStatus", () => {
  it("is the latest declared status, À faire when none", () => {
    expect(obligationStatus({ declared: null, dueOn: null }, "2024-06-01")).toEqual({ status: "A_FAIRE", reason: "Aucun suivi déclaré." });
    expect(obligationStatus({ declared: "EN_COURS", dueOn: null }, "2024-06-01").status).toBe("EN_COURS");
    expect(obligationStatus({ declared: "SANS_OBJET", dueOn: "2024-02-29" }, "2024-06-01").status).toBe("SANS_OBJET");
  });

  it("is late once the due date passed without being met — derived, never typed", () => {
    expect(obligationStatus({ declared: null, dueOn: "2024-08-29" }, "2024-08-29")).toMatchObject({ status: "A_FAIRE", reason: "À remplir au plus tard le 29 août 2024." });
    expect(obligationStatus({ declared: null, dueOn: "2024-08-29" }, "2024-08-30")).toEqual({
      status: "EN_RETARD",
      reason: "Échéance du 29 août 2024 dépassée sans que l'obligation soit déclarée respectée.",
    });
    expect(obligationStatus({ declared: "EN_COURS", dueOn: "2024-08-29" }, "2024-09-01").status).toBe("EN_RETARD");
    expect(obligationStatus({ declared: "RESPECTEE", dueOn: "2024-08-29" }, "2024-09-01").status).toBe("RESPECTEE");
  });

  it("lists the late ones", () => {
    const list = [
      { owedBy: "PARTENAIRE" as const, status: "EN_RETARD" as const, code: "A" },
      { owedBy: "DELEGANT" as const, status: "RESPECTEE" as const, code: "B" },
    ];
    expect(lateObligations(list).map((o) => o.code)).toEqual(["A"]);
  });
});

describe("checkObligationUpdate", () => {
  it("asks for evidence when the obligation is declared met, and refuses a future evidence date", () => {
    expect(checkObligationUpdate({ status: "RESPECTEE", evidenceUrl: null, note: null, evidenceOn: null }, "2024-06-01")).toMatchObject({ ok: false, code: "EVIDENCE_REQUIRED", field: "evidenceUrl" });
    expect(checkObligationUpdate({ status: "RESPECTEE", evidenceUrl: null, note: "Arrêté de nomination du 3 mars.", evidenceOn: "2024-03-03" }, "2024-06-01")).toEqual({ ok: true });
    expect(checkObligationUpdate({ status: "EN_COURS", evidenceUrl: null, note: null, evidenceOn: null }, "2024-06-01")).toEqual({ ok: true });
    expect(checkObligationUpdate({ status: "EN_COURS", evidenceUrl: null, note: null, evidenceOn: "2024-06-02" }, "2024-06-01")).toMatchObject({ ok: false, code: "EVIDENCE_DATE_IN_FUTURE", field: "evidenceOn" });
  });
});
