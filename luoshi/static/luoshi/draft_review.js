/* The draft review page: a target in the speech and its item in the list point at each other. */
(function () {
  var pane = document.getElementById("ls-source");
  function show(ids) {
    pane.querySelectorAll("mark.ls-active").forEach(function (m) { m.classList.remove("ls-active"); });
    ids.forEach(function (id) { var m = document.getElementById(id); if (m) { m.classList.add("ls-active"); } });
    var first = document.getElementById(ids[0]);
    if (first) { first.scrollIntoView({behavior: "smooth", block: "center"}); }
  }
  document.querySelectorAll("a.ls-jump").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      show(a.dataset.marks.split(" ").filter(Boolean));
    });
  });
  pane.addEventListener("click", function (event) {
    var mark = event.target.closest("mark.ls-target");
    if (!mark) { return; }
    var item = document.querySelector('.ls-item[data-marks~="' + mark.id + '"]');
    if (!item) { return; }
    document.querySelectorAll(".ls-item.ls-flash").forEach(function (i) { i.classList.remove("ls-flash"); });
    item.classList.add("ls-flash");
    item.scrollIntoView({behavior: "smooth", block: "center"});
    show(item.dataset.marks.split(" ").filter(Boolean));
  });
})();

/* Bulk review: a line's 全选 ticks its rows, the bar counts what is ticked, a blocker's link
   shows its first row. Without this file the form posts the same boxes (pick, pick_line). */
(function () {
  var form = document.getElementById("ls-draft");
  var counter = document.getElementById("ls-picked");
  if (!form || !counter) { return; }
  function rows(line) { return form.querySelectorAll('input.ls-pick[data-line="' + line + '"]'); }
  function refresh() {
    var picked = form.querySelectorAll("input.ls-pick:checked");
    counter.textContent = picked.length ? picked.length : "";
    form.querySelectorAll("input.ls-pick").forEach(function (box) {
      box.closest(".ls-item").classList.toggle("ls-picked", box.checked);
    });
    form.querySelectorAll("input.ls-pick-line").forEach(function (all) {
      var boxes = rows(all.value), on = 0;
      boxes.forEach(function (b) { if (b.checked) { on += 1; } });
      all.checked = boxes.length > 0 && on === boxes.length;
      all.indeterminate = on > 0 && on < boxes.length;
    });
    if (picked.length) { document.getElementById("ls-bulk").open = true; }
  }
  form.addEventListener("change", function (event) {
    var box = event.target;
    if (box.classList.contains("ls-pick-line")) {
      rows(box.value).forEach(function (b) { b.checked = box.checked; });
    }
    if (box.classList.contains("ls-pick-line") || box.classList.contains("ls-pick")) { refresh(); }
  });
  document.querySelectorAll("a.ls-blocker").forEach(function (link) {
    link.addEventListener("click", function () {
      var item = document.querySelector(link.getAttribute("href"));
      document.querySelectorAll(".ls-item.ls-flash").forEach(function (i) { i.classList.remove("ls-flash"); });
      if (item) { item.classList.add("ls-flash"); }
    });
  });
  refresh();
})();
