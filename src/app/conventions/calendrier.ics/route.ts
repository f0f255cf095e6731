// The due dates of every convention the signed-in user may see (their organisation's; all for DINUM's
// administrators), in one iCalendar file: 401 anonymous.
import { checkGlobal, currentActor, visibleConventionsWhere } from "@/server/authz";
import { deniedResponse } from "@/server/api-guards";
import { calendarToIcs, conventionCalendarEntries } from "@/server/calendar-ics";
import { db } from "@/server/db";
import { todayInParis } from "@/domain/dates";

export async function GET() {
  const access = checkGlobal(await currentActor(), "conventions.list");
  if (!access.ok) return deniedResponse(access);
  const today = todayInParis();
  const conventions = await db().convention.findMany({ where: visibleConventionsWhere(access.actor), select: { id: true }, orderBy: { reference: "asc" } });
  const entries = [];
  for (const c of conventions) entries.push(...(await conventionCalendarEntries(c.id, today)).entries);
  entries.sort((a, b) => a.date.localeCompare(b.date) || a.uid.localeCompare(b.uid));
  return new Response(calendarToIcs(entries, { calName: "Échéances de mes conventions FAST" }), {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'attachment; filename="echeances-conventions-fast.ics"',
      "Cache-Control": "private, no-store",
    },
  });
}
