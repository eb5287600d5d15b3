// Lights by work line on the leader's and office's home page (counts from #ls-lines-data; each light's
// value, name and colour from #ls-lights-data, written by the server from plans/light_style.py).
(function () {
  var holder = document.getElementById("ls-lines-chart");
  var source = document.getElementById("ls-lines-data");
  var styles = document.getElementById("ls-lights-data");
  if (!holder || !source || !styles || !window.echarts) { return; }
  var rows = JSON.parse(source.textContent);
  var lights = JSON.parse(styles.textContent);
  var chart = echarts.init(holder, null, { renderer: "svg" });
  var series = lights.map(function (s) {
    return { name: s.label, type: "bar", stack: "all", itemStyle: { color: s.colour },
             data: rows.map(function (r) { return r[s.value]; }) };
  });
  chart.setOption({
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    legend: { top: 0 },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: rows.map(function (r) { return r.line; }),
             axisLabel: { width: 110, overflow: "truncate", interval: 0 } },
    series: series
  });
  // every segment opens the tasks that make it up (the same filter as the headline's numbers)
  chart.on("click", function (params) {
    var row = rows[params.dataIndex], light = lights[params.seriesIndex].value;
    if (!row || !holder.dataset.tasksUrl) { return; }
    window.location.href = holder.dataset.tasksUrl + "?plan=" + holder.dataset.plan + "&line=" +
      (row.line_id === null ? "none" : row.line_id) + "&whole=1&light=" + light;
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
