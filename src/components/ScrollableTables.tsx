"use client";
// A DSFR table wider than the screen scrolls inside its own region (.fr-table__container or .fr-table__shadow), not the page: that
// region must be reachable with the keyboard (WCAG 2.1.1; axe's scrollable-region-focusable) and named for a
// screen reader. Each table region that scrolls gets tabindex="0", role="region" and its caption as its name;
// re-checked when the page changes, when content streams in and when the window is resized.
import { useEffect } from "react";
import { usePathname } from "next/navigation";

const MARK = "data-suivi-scroll";

function label(container: Element): string {
  const caption = container.querySelector("caption")?.textContent?.trim();
  return caption ? `${caption} (défilement horizontal)` : "Tableau (défilement horizontal)";
}

function update() {
  // .fr-table__container in the DSFR's table markup; .fr-table__shadow where DSFR's script wraps a bare table.
  for (const container of Array.from(document.querySelectorAll<HTMLElement>(".fr-table__container, .fr-table__shadow"))) {
    const scrolls = container.scrollWidth > container.clientWidth + 1;
    if (scrolls && !container.hasAttribute(MARK)) {
      container.setAttribute(MARK, "");
      container.tabIndex = 0;
      container.setAttribute("role", "region");
      container.setAttribute("aria-label", label(container));
    } else if (!scrolls && container.hasAttribute(MARK)) {
      container.removeAttribute(MARK);
      container.removeAttribute("tabindex");
      container.removeAttribute("role");
      container.removeAttribute("aria-label");
    }
  }
}

export function ScrollableTables() {
  const pathname = usePathname();
  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(update);
    };
    schedule();
    const observer = new MutationObserver(schedule);
    const main = document.getElementById("contenu") ?? document.body;
    observer.observe(main, { childList: true, subtree: true });
    window.addEventListener("resize", schedule);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      window.removeEventListener("resize", schedule);
    };
  }, [pathname]);
  return null;
}
