"use client";

import { useLayoutEffect } from "react";
import { DsfrProviderBase, type DsfrProviderProps, StartDsfrOnHydration } from "@codegouvfr/react-dsfr/next-app-router";
import Link from "next/link";
import { defaultColorScheme } from "./defaultColorScheme";

declare module "@codegouvfr/react-dsfr/next-app-router" {
  interface RegisterLink {
    Link: typeof Link;
  }
}

/** DSFR's attributes of <html> (data-fr-scheme, data-fr-theme, data-fr-js) removed since the watch began, with their last value. */
const removedDsfrAttributes = new Map<string, string>();
let rootWatch: MutationObserver | null = null;

function noteRemovals(records: MutationRecord[]) {
  for (const r of records) {
    if (r.attributeName?.startsWith("data-fr-") && r.oldValue !== null) removedDsfrAttributes.set(r.attributeName, r.oldValue);
  }
}

/**
 * Keeps DSFR's attributes of <html> when React renders the document in the browser instead of hydrating it.
 * Next answers a notFound() or forbidden() thrown while rendering a page with an error shell
 * (<html id="__next_error__">, without DsfrHead's colour-scheme script) and renders the whole document in the
 * browser (createRoot). DsfrProviderBase and DSFR's script set data-fr-scheme, data-fr-theme and data-fr-js on
 * <html> while React renders; React then takes <html> over in its commit and removes every attribute it does not
 * render: the 403 and 404 pages lost their dark mode and DSFR's observer of data-fr-theme threw "Wrong
 * assertion encountered". Watching <html> from this render on, the attributes removed are put back in the same
 * commit (a layout effect), before that observer runs. On a hydrated page nothing is removed: nothing changes.
 */
function KeepDsfrRootAttributes() {
  if (typeof document !== "undefined" && rootWatch === null) {
    rootWatch = new MutationObserver(noteRemovals);
    rootWatch.observe(document.documentElement, { attributes: true, attributeOldValue: true });
  }
  useLayoutEffect(() => {
    if (rootWatch === null) return;
    noteRemovals(rootWatch.takeRecords());
    rootWatch.disconnect();
    const html = document.documentElement;
    for (const [name, value] of removedDsfrAttributes) if (!html.hasAttribute(name)) html.setAttribute(name, value);
    removedDsfrAttributes.clear();
  }, []);
  return null;
}

export function DsfrProvider({ children, ...props }: DsfrProviderProps) {
  return (
    <DsfrProviderBase {...props} Link={Link} defaultColorScheme={defaultColorScheme}>
      <KeepDsfrRootAttributes />
      {children}
    </DsfrProviderBase>
  );
}

export { StartDsfrOnHydration };
