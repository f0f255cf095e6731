// The due dates of every convention the signed-in user may see (their organisation's; all for DINUM's
// administrators), in one iCalendar file: 401 anonymous. A fixed number of queries whatever their number.
import { checkGlobal, currentActor, visibleConventionsWhere } from "@/server/authz";
import { deniedResponse } from "@/server/api-guards";
import { calendarEntries, calendarToIcs } from "@/server/calendar-ics";
import { loadConventionsFacts } from "@/server/repositories/convention-facts";
import { clock } from "@/server/clock";

export async function GET() {
  const access = checkGlobal(await currentActor(), "conventions.list");
  if (!access.ok) return deniedResponse(access);
  const entries = await calendarEntries(await loadConventionsFacts(visibleConventionsWhere(access.actor)), clock.today());
  entries.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
  return new Response(calendarToIcs(entries, { calName: "Échéances de mes conventions FAST" }), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="echeances-conventions-fast.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
