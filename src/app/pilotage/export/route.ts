// CSV export of the /pilotage portfolio, with the page's filters and sort: UTF-8 with a BOM, ";" between
// fields and exact amounts with a decimal comma, as French Excel opens them. 401 anonymous, 403 other roles.
import { checkGlobal, currentActor } from "@/server/authz";
import { deniedResponse } from "@/server/api-guards";
import { csvResponse } from "@/server/csv";
import { loadPortfolioRows } from "@/server/repositories/portfolio";
import { clock } from "@/server/clock";
import { parsePortfolioParams, portfolioCsvRecords, portfolioOf } from "@/domain/portfolio";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const access = checkGlobal(await currentActor(), "portfolio.read");
  if (!access.ok) return deniedResponse(access);
  const today = clock.today();
  const params = parsePortfolioParams(new URL(request.url).searchParams);
  const data = portfolioOf(await loadPortfolioRows(access.actor, today), params);
  return csvResponse(portfolioCsvRecords(data), `portefeuille-fast-${today}.csv`);
}
