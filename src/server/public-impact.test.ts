// The public impact pages (no login): /api/stats/[slug] serves the public indicators of published
// conventions in the beta.gouv stats format, with cache headers; nothing private leaks, and whatever is not
// published answers 404 like what does not exist.
import { describe, expect, it, vi } from "vitest";
import { actionHarness, SEEDED } from "../../tests/support/action-harness";

vi.mock("@/server/auth", () => import("../../tests/support/mocks/auth"));

const { GET } = await import("@/app/api/stats/[slug]/route");
const { loadPublicImpact } = await import("./repositories/public-impact");

const h = actionHarness();

async function stats(slug: string) {
  const response = await GET(new Request(`http://localhost/api/stats/${encodeURIComponent(slug)}`), { params: Promise.resolve({ slug }) });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

describe("/api/stats/[slug]", () => {
  it("serves France Chaleur Urbaine's public indicators in the beta.gouv stats format, cached", async () => {
    const { status, headers, body } = await stats("france-chaleur-urbaine");
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("public, max-age=300, s-maxage=3600, stale-while-revalidate=86400");
    expect(headers.get("content-type")).toContain("application/json");
    expect(body.map((i: { nom: string }) => i.nom)).toEqual(["Demandes de raccordement", "Raccordements réalisés", "Tonnes de CO₂ évitées"]);
    const co2 = body[2];
    expect(co2).toEqual({
      id: expect.any(String),
      nom: "Tonnes de CO₂ évitées",
      unite: "t CO₂ par an",
      description: expect.stringMatching(/^Tonnes de CO₂ évitées \(t CO₂ par an\) : Données de démonstration\./),
      stats: [
        { value: 2100, date: "2024-03-14" },
        { value: 2050.5, date: "2024-09-12" },
      ],
      donneesDeDemonstration: true,
    });
    for (const indicator of body) {
      expect(typeof indicator.description).toBe("string");
      for (const s of indicator.stats) expect(Object.keys(s).sort()).toEqual(["date", "value"]);
    }
  });

  it("never shows a private indicator, nor what committees decided", async () => {
    const { body } = await stats("france-chaleur-urbaine");
    const text = JSON.stringify(body);
    expect(text).not.toContain("Délai moyen de mise en relation");
    expect(text).not.toContain("Comité de lancement");
    expect(text).not.toContain("intrapreneur");
    const impact = await loadPublicImpact("france-chaleur-urbaine");
    expect(impact!.indicators.map((i) => i.name)).not.toContain("Délai moyen de mise en relation");
  });

  it("serves one public indicator alone, and answers 404 for a private or unknown one", async () => {
    const one = async (id: string) => {
      const response = await GET(new Request(`http://localhost/api/stats/france-chaleur-urbaine?indicateur=${encodeURIComponent(id)}`), { params: Promise.resolve({ slug: "france-chaleur-urbaine" }) });
      return { status: response.status, body: await response.json() };
    };
    const demandes = await h.prisma.indicator.findFirstOrThrow({ where: { name: "Demandes de raccordement" } });
    expect(await one(demandes.id)).toMatchObject({ status: 200, body: { description: expect.any(String), stats: [{ value: 1850, date: "2024-03-14" }, { value: 3720, date: "2024-09-12" }] } });
    const secret = await h.prisma.indicator.findFirstOrThrow({ where: { name: "Délai moyen de mise en relation" } });
    for (const id of [secret.id, "00000000-0000-4000-8000-000000000000", "n'importe quoi"]) {
      expect(await one(id), id).toEqual({ status: 404, body: { code: "STATS_INDICATOR_UNKNOWN", erreur: expect.any(String) } });
    }
  });

  it("hides an indicator as soon as the partner makes it private", async () => {
    const indicator = await h.prisma.indicator.findFirstOrThrow({ where: { name: "Raccordements réalisés" } });
    await h.prisma.indicator.update({ where: { id: indicator.id }, data: { isPublic: false } });
    try {
      const { body } = await stats("france-chaleur-urbaine");
      expect(body.map((i: { nom: string }) => i.nom)).toEqual(["Demandes de raccordement", "Tonnes de CO₂ évitées"]);
    } finally {
      await h.prisma.indicator.update({ where: { id: indicator.id }, data: { isPublic: true } });
    }
  });

  it("answers 404 for an unknown, an unpublished or a malformed startup, even with public indicators", async () => {
    // The fictitious convention is not published: give it a public indicator to prove it stays hidden.
    const fictive = h.seeded(SEEDED.FAST16_DEMO);
    await h.prisma.indicator.create({ data: { conventionId: fictive.id, name: "Signalements traités", unit: "signalements", definition: "Secret.", impactLevel: "UTILISE", isPublic: true } });
    for (const slug of ["signalement-demo", "inconnue", "../../etc/passwd", "FRANCE-CHALEUR-URBAINE", "x".repeat(200)]) {
      const { status, body, headers } = await stats(slug);
      expect(status, slug).toBe(404);
      expect(body).toEqual({ code: "STATS_STARTUP_UNKNOWN", erreur: expect.any(String) });
      expect(headers.get("cache-control")).toBe("public, max-age=60");
    }
    expect(await loadPublicImpact("signalement-demo")).toBeNull();
  });
});
