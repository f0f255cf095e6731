// Public statistics of a startup (no login), in the beta.gouv stats format: one entry per indicator its
// partner marked public, from its published conventions only; `?indicateur=<id>` serves one indicator alone,
// exactly `{"description": "...", "stats": [...]}` plus its name and unit. Unknown, unpublished, private or
// malformed: 404, the same answer whatever the reason.
import { NextResponse } from "next/server";
import { loadPublicImpact } from "@/server/repositories/public-impact";
import { toPublicStat } from "@/domain/public-stats";
import { failure, messageOf } from "@/domain/failures";

const CACHE = "public, max-age=300, s-maxage=3600, stale-while-revalidate=86400";

function notFound(code: "STATS_STARTUP_UNKNOWN" | "STATS_INDICATOR_UNKNOWN") {
  return NextResponse.json({ code, erreur: messageOf(failure(code)) }, { status: 404, headers: { "Cache-Control": "public, max-age=60" } });
}

export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const impact = await loadPublicImpact(slug);
  if (!impact) return notFound("STATS_STARTUP_UNKNOWN");
  const headers = { "Cache-Control": CACHE, "Access-Control-Allow-Origin": "*" };
  const only = new URL(request.url).searchParams.get("indicateur");
  if (only !== null) {
    const indicator = impact.indicators.find((i) => i.id === only);
    if (!indicator) return notFound("STATS_INDICATOR_UNKNOWN");
    return NextResponse.json(toPublicStat(indicator), { headers });
  }
  return NextResponse.json(impact.indicators.map(toPublicStat), { headers });
}
