"use client";
// One indicator over time, drawn by the DSFR's own charts (@gouvfr/dsfr-chart, a Vue web component). The
// module touches `window` when it loads, so it is imported in the browser only, once, and the element is
// rendered after it is defined (React then hands it its data as properties). The chart is an image for
// assistive technologies: the same values are in the table that follows it, which is what they read.
// Numbers reach the chart as JSON numbers for drawing only (values are below 10^11 with four decimals, so
// they stay exact); every comparison is made on exact decimals on the server.
import { useEffect, useRef, useState } from "react";
import { fr } from "@codegouvfr/react-dsfr";
import "@gouvfr/dsfr-chart/LineChart/css";
import { frenchAxes } from "./chart-format";

declare module "react" {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      "line-chart": { ref?: React.Ref<HTMLElement>; x: string; y: string; name?: string; "unit-tooltip"?: string; "selected-palette"?: string; "aspect-ratio"?: string; "y-min"?: string };
    }
  }
}

let loading: Promise<unknown> | null = null;
function loadLineChart() {
  loading ??= import("@gouvfr/dsfr-chart/LineChart");
  return loading;
}

/**
 * @gouvfr/dsfr-chart 2.0.4 means to render without a shadow root but passes that option to
 * customElements.define, which ignores it: the chart lands in a shadow root that neither its own stylesheet
 * nor the DSFR's reach (the hidden tooltip shows, the legend loses its dots). The page's stylesheets, copied
 * once into a constructed sheet, are adopted by each chart's shadow root. Custom properties (the DSFR's
 * light and dark colours) inherit through the shadow boundary, so the chart follows the theme.
 */
let pageStyles: CSSStyleSheet | null = null;
function adoptPageStyles(root: ShadowRoot) {
  if (!pageStyles) {
    const rules: string[] = [];
    for (const sheet of Array.from(document.styleSheets)) {
      try {
        for (const rule of Array.from(sheet.cssRules)) if (!(rule instanceof CSSFontFaceRule)) rules.push(rule.cssText);
      } catch {
        // A stylesheet of another origin cannot be read: none is expected here.
      }
    }
    pageStyles = new CSSStyleSheet();
    pageStyles.replaceSync(rules.join("\n"));
  }
  if (!root.adoptedStyleSheets.includes(pageStyles)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, pageStyles];
}

export interface ChartSeries {
  name: string;
  /** One value per label; null where there is none. */
  values: (number | null)[];
}

export function IndicatorChart({ labels, series, unit, description }: { labels: string[]; series: ChartSeries[]; unit: string; description: string }) {
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const chart = useRef<HTMLElement>(null);
  useEffect(() => {
    let live = true;
    loadLineChart().then(
      () => live && setReady(true),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);
  useEffect(() => {
    if (ready && chart.current?.shadowRoot) adoptPageStyles(chart.current.shadowRoot);
    if (ready && chart.current) frenchAxes(chart.current);
  }, [ready]);
  return (
    <div role="img" aria-label={description} className={fr.cx("fr-mb-2w")} style={{ minHeight: "4rem", maxWidth: "52rem" }}>
      {ready ? (
        <line-chart
          ref={chart}
          x={JSON.stringify(series.map(() => labels))}
          y={JSON.stringify(series.map((s) => s.values))}
          name={JSON.stringify(series.map((s) => s.name))}
          unit-tooltip={unit}
          y-min="0"
        />
      ) : (
        <p className={fr.cx("fr-text--sm", "fr-mb-0")}>{failed ? "Le graphique n'a pas pu être affiché : les valeurs figurent dans le tableau." : "Chargement du graphique…"}</p>
      )}
    </div>
  );
}
