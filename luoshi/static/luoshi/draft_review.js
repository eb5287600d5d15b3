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
