// One read path: the list /conventions, the API /api/conventions/[id], the overview, the calendar feeds and
// the portfolio /pilotage state the same terms in force after an avenant (real database, the avenant
// recorded through its server action); and the calendar feeds read the database in a fixed number of
// queries whatever the number of conventions.
import { beforeAll, describe, expect, it, vi } from "vitest";
import ICAL from "ical.js";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "@/generated/prisma/client";
import { actionHarness, formData as form, SEEDED } from "../../../tests/support/action-harness";
import { portfolioRows } from "@/domain/portfolio";
import { TEST_TODAY } from "../../../tests/support/test-clock";

vi.mock("@/server/auth", () => import("../../../tests/support/mocks/auth"));
vi.mock("next/cache", () => import("../../../tests/support/mocks/next-cache"));

const { recordAvenantAction } = await import("../actions/convention-life");
const { listConventions } = await import("./conventions");
const { conventionForRender } = await import("./convention-render");
const { loadPortfolio } = await import("./portfolio");
const { GET: API } = await import("@/app/api/conventions/[id]/route");
const { GET: FEED } = await import("@/app/conventions/[id]/calendrier.ics/route");
const { GET: MY_FEED } = await import("@/app/conventions/calendrier.ics/route");

const PILOTE = "pilote@dinum.example.fr";
const today = TEST_TODAY;

const h = actionHarness();
const as = h.signInAs;
const demo = h.seeded(SEEDED.FAST16_DEMO);

/** The all-day events of an ICS feed, by title. */
async function events(response: Response) {
  expect(response.status).toBe(200);
  const calendar = new ICAL.Component(ICAL.parse(await response.text()));
  return calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
}

const endOfTerm = (list: ICAL.Event[]) =>
  list.filter((e) => e.summary === "FAST 16 — Signalement Démo (fictive) : fin de la convention (terme)").map((e) => e.startDate.toString());

describe("after an avenant raising a year's AE and CP and moving the end date", () => {
  const endsOn = "2027-06-03";

  beforeAll(async () => {
    as(PILOTE);
    const result = await recordAvenantAction(
      null,
      form({ conventionId: demo.id, number: "1", signedOn: today, object: "Prolongation et abondement", creditYears: String(demo.year), endsOn, [`ae-${demo.year}`]: "90 000", [`cp-${demo.year}`]: "85 000" }),
    );
    expect(result).toMatchObject({ ok: true });
  });

  it("the overview states the terms in force", async () => {
    const { view } = await conventionForRender(demo.id);
    expect(view.terms.endsOn).toBe(endsOn);
    expect(view.terms.credits).toEqual([{ year: demo.year, aeCents: 9_000_000n, cpCents: 8_500_000n }]);
    expect(view.original.endsOn).toBe("2027-04-03");
  });

  it("the render reads the facts and the details in one read: the same facts as the write path's, the parties délégant first", async () => {
    const { loadConventionFacts } = await import("./convention-facts");
    const { facts, details } = await conventionForRender(demo.id);
    expect(facts).toEqual(await loadConventionFacts(demo.id));
    expect(details.parties.map((p) => p.role)).toEqual(["DELEGANT", "PARTENAIRE", "DELEGATAIRE"]);
    expect(details.parties[0]!.organisation.acronym).toBe("DINUM");
    expect(details.legalBasis.length).toBeGreaterThan(0);
  });

  it("the list /conventions states the same amounts and end date", async () => {
    const row = (await listConventions(h.actor(PILOTE), today)).find((c) => c.id === demo.id)!;
    expect(row).toMatchObject({ aeCents: 9_000_000n, cpCents: 8_500_000n, endsOn, state: "EN_VIGUEUR" });
  });

  it("the API /api/conventions/[id] states the same amounts and end date", async () => {
    as(PILOTE);
    const response = await API(new Request(`http://localhost/api/conventions/${demo.id}`), { params: Promise.resolve({ id: demo.id }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ state: "EN_VIGUEUR", endsOn, credits: [{ year: demo.year, aeCents: "9000000", cpCents: "8500000" }] });
  });

  it("both calendar feeds end the convention on the same date", async () => {
    as(PILOTE);
    const feed = await FEED(new Request(`http://localhost/conventions/${demo.id}/calendrier.ics`), { params: Promise.resolve({ id: demo.id }) });
    expect(endOfTerm(await events(feed))).toEqual([endsOn]);
    expect(endOfTerm(await events(await MY_FEED()))).toEqual([endsOn]);
  });

  it("the portfolio /pilotage states the same amounts and end date", async () => {
    const row = portfolioRows(await loadPortfolio(h.actor(PILOTE), today), today).find((r) => r.id === demo.id)!;
    expect(row).toMatchObject({ endsOn, state: "EN_VIGUEUR", ae: { allocated: 9_000_000n }, cp: { allocated: 8_500_000n } });
  });
});

// ───────────────────────────── Queries of the calendar feeds ─────────────────────────────

/**
 * Runs `work` on a second client of the same database that logs its SQL, installed as the app's db(), and
 * returns how many statements it sent.
 */
async function countQueries(work: () => Promise<unknown>): Promise<number> {
  const database = h.database;
  const adapter = database.pglite ? new PrismaPGlite(database.pglite) : new PrismaPg({ connectionString: database.url! });
  const counting = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  let count = 0;
  counting.$on("query", () => void count++);
  const holder = globalThis as unknown as { __suiviFastDb?: { prisma: PrismaClient } };
  const installed = holder.__suiviFastDb!;
  holder.__suiviFastDb = { ...installed, prisma: counting };
  try {
    await work();
  } finally {
    holder.__suiviFastDb = installed;
    if (!database.pglite) await counting.$disconnect();
  }
  return count;
}

/** Copies FAST16-DEMO (row, parties, credits, tranches, obligations) under new references. */
async function copyFictive(copies: number) {
  const p = h.prisma;
  const source = await p.convention.findUniqueOrThrow({ where: { id: demo.id }, include: { parties: true, credits: true, tranches: true, obligations: true } });
  const { id: _id, createdAt: _createdAt, parties, credits, tranches, obligations, ...row } = source;
  for (let i = 1; i <= copies; i++) {
    await p.convention.create({
      data: {
        ...row,
        reference: `FAST16-DEMO-COPIE-${i}`,
        parties: { create: parties.map(({ id: _p, conventionId: _c, ...party }) => party) },
        credits: { create: credits.map(({ id: _p, conventionId: _c, ...credit }) => credit) },
        tranches: { create: tranches.map(({ id: _p, conventionId: _c, fromAvenantId: _a, ...tranche }) => tranche) },
        obligations: { create: obligations.map(({ id: _p, conventionId: _c, ...obligation }) => obligation) },
      },
    });
  }
}

describe("the calendar feeds' queries", () => {
  it("are as many for one convention as for many", async () => {
    as(PILOTE);
    const mine = () => countQueries(async () => (await events(await MY_FEED())).length);
    const one = () => countQueries(async () => (await events(await FEED(new Request("http://localhost/x"), { params: Promise.resolve({ id: demo.id }) }))).length);
    const before = { mine: await mine(), one: await one() };
    await copyFictive(5);
    const after = { mine: await mine(), one: await one() };
    console.info(`calendar feed queries: all conventions ${before.mine} (2 conventions), ${after.mine} (7); one convention ${before.one}`);
    expect(after).toEqual(before);
    const titles = (await events(await MY_FEED())).map((e) => e.summary);
    expect(titles.filter((t) => t.endsWith("fin de la convention (terme)"))).toHaveLength(7);
  });
});
