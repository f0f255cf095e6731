// Every due date of one convention as an iCalendar file, for the parties (checked like the convention's
// pages): 401 anonymous, 403 not a party, 404 unknown.
import { checkConvention, currentActor } from "@/server/authz";
import { deniedResponse } from "@/server/api-guards";
import { calendarEntries, calendarLabel, calendarToIcs } from "@/server/calendar-ics";
import { loadConventionFacts } from "@/server/repositories/convention-facts";
import { clock } from "@/server/clock";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const access = await checkConvention(await currentActor(), "convention.read", id);
  if (!access.ok) return deniedResponse(access);
  const facts = await loadConventionFacts(access.conventionId);
  const entries = await calendarEntries([facts], clock.today());
  const ics = calendarToIcs(entries, { calName: `Échéances ${calendarLabel(facts)}`, url: new URL(`/conventions/${access.conventionId}`, request.url).toString() });
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="echeances-${facts.fastCall.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.ics"`,
      "Cache-Control": "private, no-store",
    },
  });
}
