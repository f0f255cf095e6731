// Numbers on a chart's axis the French way: "2 000", "1,5", "12 000 000" — never "2K" nor "1.5M".
const AXIS = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

export function frenchAxisTick(value: number | string): string {
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? AXIS.format(n) : String(value);
}

/** What a chart's y axis needs to be told (Chart.js's options as @gouvfr/dsfr-chart holds them). */
interface AxisChart {
  options: { scales?: { y?: { ticks?: { callback?: (value: number | string) => string } } } };
  update: (mode?: string) => void;
}

/**
 * @gouvfr/dsfr-chart writes its y axis "2K / 4K" (English compact notation, hard-coded): once its Chart.js
 * instance exists (the Vue custom element's `_instance.proxy.chart`), its ticks are written in French, and
 * again whenever the component redraws it.
 */
export function frenchAxes(element: HTMLElement, tries = 50): void {
  const vm = (element as unknown as { _instance?: { proxy?: { chart?: AxisChart; createChart?: () => void; __frenchAxes?: boolean } } })._instance?.proxy;
  const ticks = vm?.chart?.options.scales?.y?.ticks;
  if (!vm || !vm.chart || !ticks) {
    if (tries > 0) setTimeout(() => frenchAxes(element, tries - 1), 100);
    return;
  }
  ticks.callback = frenchAxisTick;
  vm.chart.update("none");
  if (!vm.__frenchAxes && typeof vm.createChart === "function") {
    const create = vm.createChart.bind(vm);
    vm.createChart = () => {
      create();
      const y = vm.chart?.options.scales?.y?.ticks;
      if (y) {
        y.callback = frenchAxisTick;
        vm.chart!.update("none");
      }
    };
    vm.__frenchAxes = true;
  }
}
