// The leader's dashboard and the meeting room's screen: draws each chart of #ls-dashboard-data
// (written by the server: luoshi/reports/figures.py) into its [data-chart] holder with ECharts.
// A click on an element opens the list of records behind it (the point's url), unless the page
// says data-drill="off" (the screen has no login). data-refresh="N" reloads the page every N seconds.
(function () {
  "use strict";
  var source = document.getElementById("ls-dashboard-data");
  var root = document.querySelector("[data-dashboard]");
  if (!source || !root) { return; }
  var refresh = parseInt(root.dataset.refresh || "0", 10);
  if (refresh > 0) { window.setTimeout(function () { window.location.reload(); }, refresh * 1000); }
  if (!window.echarts) { return; }
  var charts = JSON.parse(source.textContent);
  var dark = root.dataset.theme === "dark";
  var drill = root.dataset.drill !== "off";
  var drawn = [];

  function options(chart) {
    var across = chart.kind === "hbar";
    var series = chart.series.map(function (s) {
      return {
        name: s.name, type: chart.kind === "line" ? "line" : "bar", stack: s.stack ? "all" : undefined,
        itemStyle: { color: s.colour }, lineStyle: { color: s.colour }, smooth: false,
        label: { show: !s.stack && chart.kind !== "line" && chart.categories.length <= 12,
                 position: across ? "right" : "top" },
        data: s.points.map(function (p) { return { value: p.value, url: p.url }; })
      };
    });
    var categoryAxis = { type: "category", data: chart.categories, inverse: across,
                         axisLabel: across ? { width: 120, overflow: "truncate", interval: 0 }
                                           : { interval: 0, rotate: chart.categories.length > 6 ? 30 : 0 } };
    var valueAxis = { type: "value", minInterval: chart.unit ? 0 : 1, name: chart.unit || "" };
    return {
      backgroundColor: "transparent",
      grid: { left: 8, right: 24, top: chart.series.length > 1 ? 32 : 16, bottom: 8, containLabel: true },
      legend: chart.series.length > 1 ? { top: 0 } : undefined,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: across ? valueAxis : categoryAxis,
      yAxis: across ? categoryAxis : valueAxis,
      series: series
    };
  }

  charts.forEach(function (chart) {
    var holder = root.querySelector('[data-chart="' + chart.key + '"]');
    if (!holder || chart.empty) { return; }
    var instance = echarts.init(holder, dark ? "dark" : null, { renderer: "svg" });
    instance.setOption(options(chart));
    if (drill) {
      instance.on("click", function (params) {
        if (params.data && params.data.url) { window.location.href = params.data.url; }
      });
    }
    drawn.push(instance);
  });
  window.addEventListener("resize", function () { drawn.forEach(function (c) { c.resize(); }); });
})();
