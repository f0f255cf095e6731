// @gouvfr/dsfr-chart ships no types: its modules only define custom elements (see IndicatorChart).
declare module "@gouvfr/dsfr-chart/LineChart";
