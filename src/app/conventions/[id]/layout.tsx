import type { ReactNode } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { ConventionMenu } from "@/components/ConventionMenu";
import { layoutConvention } from "@/server/page-guards";
import { conventionForRender } from "@/server/repositories/convention-render";
import { StateBadge } from "@/components/StateBadge";

// Every page of a convention checks access itself; the layout checks too, so that no heading leaks.
export default async function ConventionLayout({ children, params }: { children: ReactNode; params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Signed out: the page itself sends to the sign-in page with its own address, so that signing in lands on
  // the page asked for (the layout knows only the convention's address); nothing of the convention is shown.
  const access = await layoutConvention("convention.read", id, `/conventions/${id}`);
  if (!access) return <>{children}</>;
  // The same load as the page's (shared within the render): heading and page never disagree on the state.
  const { facts: c, view } = await conventionForRender(access.conventionId);
  const base = `/conventions/${c.id}`;
  return (
    <>
      <Breadcrumb
        currentPageLabel={`${c.fastCall} — ${c.startupName}`}
        segments={[{ label: "Conventions", linkProps: { href: "/conventions" } }]}
      />
      <div className={fr.cx("fr-grid-row", "fr-grid-row--gutters")}>
        <div className={fr.cx("fr-col-12", "fr-col-md-3")}>
          <ConventionMenu base={base} />
        </div>
        <div className={fr.cx("fr-col-12", "fr-col-md-9")}>
          <p className={fr.cx("fr-mb-1w")}>
            <StateBadge state={view.situation.state} /> <span className={fr.cx("fr-text--sm")}>{c.fastCall} · {c.startupName}</span>
          </p>
          {children}
        </div>
      </div>
    </>
  );
}
