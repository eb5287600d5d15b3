// Light pickers for long lists (the township's people and units on the draft review page).
// A <select data-ls-options="ID"> is rendered with its chosen entry only, so it posts the
// right value if never touched; the whole list is in the page once, in <template id="ID">,
// and is copied into a picker the first time it is focused (Tab), pressed or touched, before
// the browser opens it. 100 items × 300 people stay 300 options in the page, not 60,000.
(function () {
  function fill(select) {
    if (select.dataset.lsFilled) { return; }
    var source = document.getElementById(select.dataset.lsOptions);
    if (!source) { return; }
    var value = select.value;
    // Not replaceChildren(): the older WebViews some township phones run lack it.
    while (select.firstChild) { select.removeChild(select.firstChild); }
    select.appendChild(source.content.cloneNode(true));
    select.value = value;
    select.dataset.lsFilled = "1";
  }
  function onUse(event) {
    var target = event.target;
    if (target instanceof HTMLSelectElement && target.dataset.lsOptions) { fill(target); }
  }
  // Capture, on the document: pickers added later (htmx swaps) need no wiring of their own.
  ["focusin", "pointerdown", "mousedown", "touchstart", "keydown"].forEach(function (type) {
    document.addEventListener(type, onUse, {capture: true, passive: true});
  });
})();
