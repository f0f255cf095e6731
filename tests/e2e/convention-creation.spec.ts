// From a FAST promotion to a published convention, as DINUM and the parties meet it: DINUM's pilot creates the
// promotion FAST 15, corrects its envelope and dates, and drafts a convention of it from scratch (incomplete at
// first: its page says what is missing); the partner's intrapreneur reads the draft, without any form but the
// comments', and comments it; the pilot reads the comment, completes the draft, sends it for
// signature, and records the signatures — the partner first, then the délégataire, DINUM last (the form offers
// the next party only; refusals out of order are src/server/use-cases/conventions.test.ts's); tranche 1 becomes
// débloquable on DINUM's signature date; DINUM records the copy to the CBCM and publishes it, and it appears on
// the public list and in the JSON open data. axe (WCAG 2.1 AA, light and
// dark) on each new page; screenshots at 1280 and 375 px in test-results/ecrans.
import type { Page } from "@playwright/test";
import { ACCOUNTS, APP_TODAY, expect, expectAccessible, login, screenshots, test } from "./fixtures";

test.setTimeout(420_000);

const YEAR = APP_TODAY.slice(0, 4);

/** Signs in, once more if the first attempt came back to the sign-in page (a busy database at start). */
async function signIn(page: Page, email: string) {
  await page.context().clearCookies();
  await login(page, email);
  try {
    await expect(page).toHaveURL(/\/conventions$/, { timeout: 20_000 });
  } catch {
    await login(page, email);
    await expect(page).toHaveURL(/\/conventions$/, { timeout: 30_000 });
  }
}

test("DINUM creates FAST 15 and a convention from scratch; the partner reads the draft; the signatures put it in force and tranche 1 within reach", async ({ page }) => {
  await signIn(page, ACCOUNTS.pilote);

  // The promotion.
  await page.getByRole("link", { name: "Promotions", exact: true }).click();
  await expect(page).toHaveURL(/\/promotions$/);
  await expect(page.getByRole("heading", { level: 1, name: "Promotions FAST" })).toBeVisible();
  await expect(page.getByRole("link", { name: "FAST 14" })).toBeVisible();
  await page.getByRole("link", { name: "Créer une promotion" }).click();
  await expect(page).toHaveURL(/\/promotions\/nouvelle$/);
  await expectAccessible(page, "nouvelle promotion");
  await screenshots(page, "promotion-nouvelle");
  await page.getByLabel("Nom de la promotion").fill("FAST 15");
  await page.getByLabel("Enveloppe (€)").fill("1 000 000");
  await page.getByLabel("Date d'annonce des lauréats").fill(APP_TODAY);
  await page.getByRole("button", { name: "Créer la promotion" }).click();
  await expect(page).toHaveURL(/\/promotions$/);
  await expectAccessible(page, "promotions");
  await screenshots(page, "promotions");

  // A convention of it, incomplete.
  await page.getByRole("link", { name: "FAST 15" }).click();
  await expect(page).toHaveURL(/\/promotions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: "FAST 15" })).toBeVisible();
  const promotionUrl = page.url();
  // DINUM corrects the promotion's envelope and programme dates (its conventions are drafts: the name may change too).
  await page.getByRole("link", { name: "Modifier la promotion" }).click();
  await expect(page).toHaveURL(/\/modifier$/);
  await expect(page.getByLabel("Nom de la promotion")).toHaveValue("FAST 15");
  await expectAccessible(page, "modifier la promotion");
  await screenshots(page, "promotion-modifier");
  await page.getByLabel("Enveloppe (€)").fill("1 200 000");
  await page.getByLabel("Début du programme d'accélération (facultatif)").fill(`${YEAR}-12-20`);
  await page.getByLabel("Fin du programme d'accélération (facultatif)").fill(`${YEAR}-12-10`);
  await page.getByRole("button", { name: "Enregistrer la promotion" }).click();
  await expect(page.getByText(/Le programme ne peut pas finir .* avant de commencer/).first()).toBeVisible();
  await page.getByLabel("Fin du programme d'accélération (facultatif)").fill(`${Number(YEAR) + 1}-06-30`);
  await page.getByRole("button", { name: "Enregistrer la promotion" }).click();
  await expect(page).toHaveURL(promotionUrl);
  await expect(page.getByText(/Enveloppe\s:\s1\s200\s000,00/)).toBeVisible();
  await expectAccessible(page, "promotion");
  await screenshots(page, "promotion");
  await page.getByRole("link", { name: "Nouvelle convention" }).click();
  await expect(page).toHaveURL(/\/nouvelle-convention$/);
  await expectAccessible(page, "nouvelle convention");
  await screenshots(page, "convention-nouvelle");
  await page.getByLabel("Référence de la convention").fill("FAST15-CHALEUR");
  await page.getByLabel("Nom de la startup").fill("Chaleur Solidaire");
  await page.getByLabel("Identifiant de la startup").fill("Chaleur Solidaire");
  await page.getByLabel("Administration partenaire").selectOption({ label: "DRIEAT — Direction régionale et interdépartementale de l'environnement, de l'aménagement et des transports" });
  await page.getByRole("combobox", { name: /^Délégataire/ }).selectOption({ label: "DNUM — Direction du Numérique du Ministère de la Transition Ecologique" });
  await page.getByLabel("AE de l'année 1 (€)").fill("100 000");
  await page.getByLabel("CP de l'année 1 (€)").fill("100 000");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  // A bad identifier is refused under its field, in French; what was typed stays.
  await expect(page.getByText("Identifiant de la startup : lettres minuscules sans accent")).toBeVisible();
  await page.getByLabel("Identifiant de la startup").fill("chaleur-solidaire");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(page).toHaveURL(promotionUrl);
  const row = page.getByRole("row", { name: /FAST15-CHALEUR/ });
  await expect(row).toContainText("Brouillon");
  await expect(row).toContainText("100 000,00");
  await row.getByRole("link", { name: "FAST15-CHALEUR" }).click();
  await expect(page).toHaveURL(/\/projet$/);
  await expect(page.getByRole("heading", { level: 1, name: "Rédaction et signatures" })).toBeVisible();
  const draftUrl = page.url();
  await expect(page.getByText(/Brouillon incomplet : à renseigner avant l'envoi en signature — .*Intrapreneur/)).toBeVisible();
  await expectAccessible(page, "brouillon");
  await screenshots(page, "convention-brouillon");

  // The partner sees the draft, and no form.
  await signIn(page, ACCOUNTS.intrapreneur);
  await page.goto(draftUrl);
  await expect(page.getByText("Convention de délégation de gestion FAST 15 | Chaleur Solidaire")).toBeVisible();
  await expect(page.getByText(/Brouillon incomplet/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Enregistrer le brouillon" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Envoyer en signature" })).toHaveCount(0);
  // The partner comments the draft: its name, party and words are shown to the parties.
  await page.getByLabel("Votre commentaire").fill("Notre intrapreneur sera Dominique Chaleur ; le cofinancement est de 50 000 €.");
  await page.getByRole("button", { name: "Publier le commentaire" }).click();
  const comments = page.getByRole("region", { name: "Commentaires des parties" });
  await expect(comments.getByText("Notre intrapreneur sera Dominique Chaleur ; le cofinancement est de 50 000 €.")).toBeVisible({ timeout: 20_000 });
  await expect(comments.getByText(/Alex Bernard \(démo\) \(partenaire\), le/)).toBeVisible();
  await expectAccessible(page, "brouillon commenté");
  await screenshots(page, "convention-brouillon-commentaires");
  // Another partner does not.
  await signIn(page, ACCOUNTS.autrePartenaire);
  const refused = await page.goto(draftUrl);
  expect(refused?.status()).toBe(403);

  // DINUM completes the draft and sends it for signature.
  await signIn(page, ACCOUNTS.pilote);
  await page.goto(draftUrl);
  await expect(page.getByRole("region", { name: "Commentaires des parties" }).getByText(/Notre intrapreneur sera Dominique Chaleur/)).toBeVisible();
  await page.getByRole("button", { name: "Envoyer en signature" }).click();
  await expect(page.getByText(/Le brouillon est incomplet ; avant de l'envoyer en signature, renseignez/)).toBeVisible();
  await page.getByLabel("Intrapreneur", { exact: true }).fill("Dominique Chaleur");
  await page.getByLabel("Cofinancement du partenaire (€)").fill("50 000");
  await page.getByLabel("Échéance du bilan de mi-parcours").fill(`${YEAR}-12-15`);
  await page.getByLabel("UO / centre financier").fill("0352-CFSE-CFIN");
  await page.getByLabel("Domaine fonctionnel").fill("0352-01");
  await page.getByLabel("Activité").fill("035200010101");
  await page.getByLabel("Centre de coûts").fill("SGDFNUM092");
  await page.getByLabel("Service exécutant").fill("SGDFNUM092");
  await page.getByLabel("Comptable assignataire").fill("CBCM du ministère de la Transition écologique");
  await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
  await expect(page.getByText("Le brouillon est enregistré.")).toBeVisible();
  await page.reload();
  await expect(page.getByText("Brouillon complet : il peut être envoyé en signature aux parties.")).toBeVisible();
  await page.getByRole("button", { name: "Envoyer en signature" }).click();
  // The page re-renders on success (the send form is gone): wait for that state, not the passing message.
  await expect(page.getByRole("button", { name: "Envoyer en signature" })).toHaveCount(0, { timeout: 20_000 });
  await page.reload();
  await expect(page.getByText(/Envoyée en signature le .* : le texte est figé/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Enregistrer le brouillon" })).toHaveCount(0);

  // Tranche 1 waits for the signature.
  const tranchesUrl = draftUrl.replace(/\/projet$/, "/tranches");
  await page.goto(tranchesUrl);
  await expect(page.getByText("Débloquable")).toHaveCount(0);

  // The signatures, in order: partner, délégataire, DINUM.
  await page.goto(draftUrl);
  await page.getByRole("button", { name: "Enregistrer la signature (partenaire)" }).click();
  await expect(page.getByRole("button", { name: "Enregistrer la signature (délégataire)" })).toBeVisible({ timeout: 20_000 });
  await page.reload();
  await expectAccessible(page, "en signature");
  await screenshots(page, "convention-en-signature");
  await page.getByRole("button", { name: "Enregistrer la signature (délégataire)" }).click();
  await expect(page.getByRole("button", { name: "Enregistrer la signature (délégant)" })).toBeVisible({ timeout: 20_000 });
  await page.reload();
  await page.getByRole("button", { name: "Enregistrer la signature (délégant)" }).click();
  await expect(page.getByRole("button", { name: /Enregistrer la signature/ })).toHaveCount(0, { timeout: 20_000 });
  await page.reload();
  await expect(page.getByText(/Signée par la DINUM le .* : la convention est en vigueur depuis cette date et la tranche 1 peut être débloquée/)).toBeVisible();
  const signatures = page.getByRole("table", { name: "Signatures des parties, dans l'ordre" });
  await expect(signatures.getByRole("row", { name: /Partenaire.*DRIEAT.*Emmanuelle Gay, Directrice/ })).toBeVisible();
  await expect(signatures.getByRole("row", { name: /Délégant.*DINUM.*Stéphanie Schaer/ })).toBeVisible();
  await expect(page.getByText("La convention est signée : les commentaires de sa rédaction sont clos et gardés tels quels.")).toBeVisible();
  await expect(page.getByLabel("Votre commentaire")).toHaveCount(0);
  await screenshots(page, "convention-signee");

  // On DINUM's signature date, tranche 1 (AE and CP) is débloquable.
  await page.goto(tranchesUrl);
  await expect(page.getByText("Débloquable").first()).toBeVisible();

  // Copied to the CBCM, DINUM publishes it (article 7): it joins the public list and the open data.
  const overviewUrl = draftUrl.replace(/\/projet$/, "");
  await page.goto(overviewUrl);
  await expect(page.getByText("Cette convention est signée mais pas encore publiée.")).toBeVisible();
  await screenshots(page, "convention-a-publier");
  await page.getByLabel("Copie de la convention signée transmise au CBCM le").fill(APP_TODAY);
  await page.getByRole("button", { name: "Publier la convention" }).click();
  await expect(page.getByRole("button", { name: "Retirer la publication" })).toBeVisible({ timeout: 20_000 });
  await page.reload();
  await expect(page.getByText(/Publiée le .*, après sa copie au CBCM le/)).toBeVisible();
  await expectAccessible(page, "convention publiée");
  await screenshots(page, "convention-publiee");
  await page.context().clearCookies();
  await page.goto("/publiques/conventions");
  await expect(page.getByText("Chaleur Solidaire").first()).toBeVisible();
  const exported = await page.request.get("/publiques/conventions/export.json");
  expect(exported.status()).toBe(200);
  const references = ((await exported.json()) as { conventions: { referenceDecision: string }[] }).conventions.map((c) => c.referenceDecision);
  expect(references).toEqual(expect.arrayContaining(["FAST14-FCU", "FAST15-CHALEUR"]));
});
