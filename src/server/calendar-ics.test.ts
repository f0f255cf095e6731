// The calendar feed of a convention, served to its parties only, parsed back with ical.js (a well-kept
// RFC 5545 parser) as a desktop calendar would read it.
import { describe, expect, it, vi } from "vitest";
import ICAL from "ical.js";
import { actionHarness, SEEDED } from "../../tests/support/action-harness";

vi.mock("@/server/auth", () => import("../../tests/support/mocks/auth"));

const { GET } = await import("@/app/conventions/[id]/calendrier.ics/route");
const { GET: GET_MINE } = await import("@/app/conventions/calendrier.ics/route");

const h = actionHarness();
const as = h.signInAs;
const fast14 = h.seeded(SEEDED.FAST14);

async function feed(id: string) {
  const response = await GET(new Request(`http://localhost/conventions/${id}/calendrier.ics`), { params: Promise.resolve({ id }) });
  return { status: response.status, headers: response.headers, text: await response.text() };
}


describe("/conventions/[id]/calendrier.ics", () => {
  it("is refused to the anonymous (401), to an organisation that is no party (403), and unknown is 404", async () => {
    as(null);
    expect((await feed(fast14.id)).status).toBe(401);
    as("intrapreneur@ddt-demo.example.fr");
    const denied = await feed(fast14.id);
    expect(denied.status).toBe(403);
    expect(JSON.parse(denied.text)).toEqual({ code: "FORBIDDEN", erreur: expect.stringContaining("Accès refusé") });
    expect((await feed("00000000-0000-4000-8000-000000000000")).status).toBe(404);
    expect((await feed("pas-un-uuid")).status).toBe(404);
  });

  it("gives every party FAST 14's due dates as all-day events that an ICS parser reads back", async () => {
    for (const email of ["pilote@dinum.example.fr", "gestionnaire@dnum-mte.example.fr", "admin@suivi-fast.example.fr", "intrapreneur@drieat.example.fr"]) {
      as(email);
      expect((await feed(fast14.id)).status, email).toBe(200);
    }
    const { headers, text } = await feed(fast14.id);
    expect(headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(headers.get("content-disposition")).toBe('attachment; filename="echeances-fast-14.ics"');
    expect(headers.get("cache-control")).toBe("private, no-store");

    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.name).toBe("vcalendar");
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Échéances FAST 14 — France Chaleur Urbaine");
    const events = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    const byDay = events.map((e) => [e.startDate.toString(), e.summary]);
    expect(byDay).toEqual(
      expect.arrayContaining([
        ["2024-04-30", "FAST 14 — France Chaleur Urbaine : bilan de mi-parcours (échéance)"],
        ["2024-08-29", "FAST 14 — France Chaleur Urbaine : comité d'investissement n° 1 (échéance)"],
        ["2024-08-29", "FAST 14 — France Chaleur Urbaine : Engager une enveloppe de cofinancement de 121 000 € (échéance)"],
        ["2024-02-29", "FAST 14 — France Chaleur Urbaine : Demander le paramétrage des habilitations CHORUS dès la signature (échéance)"],
        ["2024-11-30", "FAST 14 — France Chaleur Urbaine : clôture de gestion 2024, dernières demandes de paiement"],
        ["2024-12-12", "FAST 14 — France Chaleur Urbaine : clôture de gestion 2024, dernières commandes (EJ)"],
        ["2024-12-31", "FAST 14 — France Chaleur Urbaine : fin de la convention (terme)"],
        ["2024-12-31", "FAST 14 — France Chaleur Urbaine : Rendre compte au délégant au terme de la convention (échéance)"],
      ]),
    );
    for (const e of events) {
      expect(e.startDate.isDate, e.summary).toBe(true);
      expect(e.endDate.toJSDate().getTime() - e.startDate.toJSDate().getTime()).toBe(86_400_000);
      expect(e.uid).toMatch(new RegExp(`^${fast14.id}-[a-z0-9-_]+@suivi-fast$`, "i"));
    }
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    const cofinancing = events.find((e) => e.summary.includes("cofinancement"))!;
    expect(cofinancing.description).toMatch(/^Obligation due par le partenaire, au plus tard le 29 août 2024\. Statut : En retard\./);
    // The same due date keeps its identifier from one download to the next.
    const again = new ICAL.Component(ICAL.parse((await feed(fast14.id)).text)).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c).uid);
    expect(again).toEqual(events.map((e) => e.uid));
  });

  it("adds the termination's effective date once a notice is given", async () => {
    const convention = await h.prisma.convention.findUniqueOrThrow({ where: { id: fast14.id } });
    const authorId = h.actor("intrapreneur@drieat.example.fr").userId;
    await h.prisma.terminationNotice.create({ data: { conventionId: convention.id, byParty: "PARTENAIRE", noticeOn: new Date("2024-06-10T00:00:00Z"), reason: "Test", authorId } });
    as("pilote@dinum.example.fr");
    const events = new ICAL.Component(ICAL.parse((await feed(fast14.id)).text)).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    expect(events.find((e) => e.summary.endsWith("résiliation effective"))!.startDate.toString()).toBe("2024-09-10");
    expect(events.some((e) => e.summary.endsWith("fin de la convention (terme)"))).toBe(false);
  });

  it("gives each user one feed of all the conventions they may see, and nothing of the others", async () => {
    as(null);
    expect((await GET_MINE()).status).toBe(401);
    const titles = async (email: string) => {
      as(email);
      const response = await GET_MINE();
      expect(response.status).toBe(200);
      const calendar = new ICAL.Component(ICAL.parse(await response.text()));
      return calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c).summary);
    };
    const partner = await titles("intrapreneur@drieat.example.fr");
    expect(partner.length).toBeGreaterThan(5);
    expect(partner.every((t) => t.startsWith("FAST 14 — France Chaleur Urbaine : "))).toBe(true);
    const pilote = await titles("pilote@dinum.example.fr");
    expect(pilote.some((t) => t.startsWith("FAST 16 — Signalement Démo (fictive) : "))).toBe(true);
    expect(pilote.some((t) => t.startsWith("FAST 14 — France Chaleur Urbaine : "))).toBe(true);
  });
});
