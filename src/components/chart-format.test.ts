import { describe, expect, it } from "vitest";
import { frenchAxes, frenchAxisTick } from "./chart-format";

const plain = (s: string) => s.replace(/\u202f|\u00a0/g, " ");

describe("a chart's axis in French", () => {
  it("writes thousands and decimals the French way, never 2K", () => {
    expect(plain(frenchAxisTick(2000))).toBe("2 000");
    expect(plain(frenchAxisTick(4_000_000))).toBe("4 000 000");
    expect(frenchAxisTick(1.5)).toBe("1,5");
    expect(frenchAxisTick("0")).toBe("0");
  });

  it("replaces the chart's own tick callback and redraws", () => {
    const chart = { options: { scales: { y: { ticks: { callback: (t: number | string) => `${Number(t) / 1e3}K` } } } }, update: () => {} };
    const element = { _instance: { proxy: { chart, createChart: () => {} } } } as unknown as HTMLElement;
    frenchAxes(element);
    expect(plain(chart.options.scales.y.ticks.callback(2000))).toBe("2 000");
  });
});
