import { describe, expect, it } from "vitest";
import { messageOf } from "./failures";
import { formatSiret, freeSlug, siretConflicts, slugify } from "./organisations";

describe("organisations", () => {
  it("makes slugs without accents nor spaces, free in the directory", () => {
    expect(slugify("DDT Démo-sur-Loire")).toBe("ddt-demo-sur-loire");
    expect(slugify("  SG (Démo) ")).toBe("sg-demo");
    expect(freeSlug("dinum", new Set(["dinum", "dinum-2"]))).toBe("dinum-3");
    expect(freeSlug("", new Set())).toBe("organisation");
  });

  it("reads a SIRET as its SIREN by threes and its NIC", () => {
    expect(formatSiret("13002526500013")).toBe("130 025 265 00013");
  });

  it("refuses a SIRET already recorded for another organisation, as its own or for ProConnect", () => {
    const others = [{ acronym: "DINUM", siret: "13002526500013", sirets: ["11000201100044"] }];
    const [own] = siretConflicts({ siret: "13002526500013", proConnectSirets: [] }, others);
    expect(own).toEqual({ code: "SIRET_TAKEN", params: { taken: [{ siret: "13002526500013", holder: "DINUM" }] }, field: "siret" });
    expect(messageOf(own!)).toBe("SIRET refusé : 130 025 265 00013 (déjà enregistré pour DINUM) ; un SIRET ne désigne qu'une organisation.");
    const [listed] = siretConflicts({ siret: "12345678900007", proConnectSirets: ["11000201100044", "13002526500013"] }, others);
    expect(listed).toMatchObject({ code: "SIRET_TAKEN", field: "proConnectSirets" });
    expect(messageOf(listed!)).toBe(
      "SIRET refusés : 110 002 011 00044 (déjà enregistré pour DINUM) ; 130 025 265 00013 (déjà enregistré pour DINUM) ; un SIRET ne désigne qu'une organisation.",
    );
    expect(siretConflicts({ siret: "12345678900007", proConnectSirets: ["12345678900007"] }, others)).toEqual([]);
  });
});

describe("the directory's fields", async () => {
  const { emailField, siretField, siretListField } = await import("./fields");

  it("takes an e-mail trimmed, in lower case, and says in French what is wrong", () => {
    expect(emailField.parse("  Jean.Dupont@Exemple.gouv.fr ")).toBe("jean.dupont@exemple.gouv.fr");
    expect(emailField.safeParse("jean.dupont@").error?.issues[0]?.message).toBe("Adresse électronique invalide : écrivez-la sous la forme prenom.nom@exemple.gouv.fr.");
    expect(emailField.safeParse(" ").error?.issues[0]?.message).toBe("Adresse électronique : champ obligatoire.");
  });

  it("takes a SIRET with spaces and checks its Luhn key", () => {
    expect(siretField.parse("130 025 265 00013")).toBe("13002526500013");
    expect(siretField.safeParse("130 025 265 00014").error?.issues[0]?.message).toBe("SIRET invalide : la clé de contrôle ne correspond pas, vérifiez les chiffres.");
    expect(siretField.safeParse("").error?.issues[0]?.message).toBe("SIRET invalide : champ obligatoire.");
  });

  it("takes ProConnect's SIRETs one a line or separated by commas, each checked, duplicates dropped", () => {
    expect(siretListField.parse("130 025 265 00013\n13002526500013 ; 123 456 789 00007\n")).toEqual(["13002526500013", "12345678900007"]);
    expect(siretListField.parse(undefined)).toEqual([]);
    expect(siretListField.safeParse("13002526500013, 1234").error?.issues[0]?.message).toBe("SIRET invalide : « 1234 » (14 chiffres attendus).");
  });
});
