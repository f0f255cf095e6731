// JSON of one convention's overview for a signed-in party: 401 anonymous, 403 not a party, 404 unknown.
// Dates, amounts and state are the derived view's (terms in force), as on the convention's pages.
import { NextResponse } from "next/server";
import { checkConvention, currentActor } from "@/server/authz";
import { deniedResponse } from "@/server/api-guards";
import { conventionForRender } from "@/server/repositories/convention-render";
import { jsonSafe } from "@/server/db/audit";
import { withApiErrors } from "@/server/security/api-errors";

export const GET = withApiErrors(async (_request: Request, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const access = await checkConvention(await currentActor(), "convention.read", id);
  if (!access.ok) return deniedResponse(access);
  const { facts: c, details, view } = await conventionForRender(access.conventionId);
  return NextResponse.json(
    jsonSafe({
      id: c.id,
      reference: c.reference,
      fastCall: c.fastCall,
      startupName: c.startupName,
      state: view.situation.state,
      signedOn: view.dates.signedOn,
      endsOn: view.terms.endsOn,
      parties: details.parties.map((p) => ({ role: p.role, organisation: p.organisation.acronym, representative: p.representativeName })),
      credits: view.terms.credits.map((x) => ({ year: x.year, aeCents: x.aeCents, cpCents: x.cpCents })),
    }),
    { headers: { "Cache-Control": "private, no-store" } },
  );
});
