// Pickers for long lists (the township's people and units), two kinds, one approach: every
// listener sits on the document, so pickers added later (htmx swaps) need no wiring of their
// own, and the page works without this file. Plain ES5: older township phones' WebViews.
//
// 1. Light selects (the draft review page). A <select data-ls-options="ID"> is rendered with its
//    chosen entry only, so it posts the right value if never touched; the whole list is in the
//    page once, in <template id="ID">, and is copied into a picker the first time it is focused
//    (Tab), pressed or touched, before the browser opens it. 100 items × 300 people stay 300
//    options in the page, not 60,000.
// 2. Checkbox / radio lists ([data-ls-picker], luoshi.core.widgets): a filter box narrows the
//    list as you type (by name or by the group's unit), the chosen entries show as chips that
//    remove them. The boxes are the form's fields: this only shows, hides and ticks them.
(function () {
  // The widget's template adds this file once per picker: run once.
  if (window.lsPickers) { return; }
  window.lsPickers = true;
  // Shows the filter boxes and chips (site.css), which do nothing without this file.
  document.documentElement.className += " ls-js";

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

  function pickerOf(node) {
    return node && node.closest ? node.closest("[data-ls-picker]") : null;
  }
  function boxes(picker) {
    return picker.querySelectorAll(".ls-picker-list input");
  }
  function squeeze(text) {
    return (text || "").replace(/\s+/g, "").toLowerCase();
  }

  // Hide the entries that do not match; a group whose unit matches shows whole.
  function narrow(picker, query) {
    var q = squeeze(query), shown = 0;
    Array.prototype.forEach.call(picker.querySelectorAll("[data-ls-group]"), function (group) {
      var legend = group.querySelector("legend");
      var whole = !q || (legend && squeeze(legend.textContent).indexOf(q) >= 0);
      var any = false;
      Array.prototype.forEach.call(group.querySelectorAll(".ls-picker-items > label"), function (label) {
        var hit = whole || squeeze(label.textContent).indexOf(q) >= 0;
        label.hidden = !hit;
        if (hit) { any = true; shown += 1; }
      });
      group.hidden = !any;
    });
    picker.querySelector("[data-ls-none]").hidden = shown > 0;
    var status = picker.querySelector("[data-ls-status]");
    if (!status.dataset.lsAll) { status.dataset.lsAll = status.textContent; }
    status.textContent = q ? picker.dataset.lsFound.replace("{n}", shown) : status.dataset.lsAll;
  }

  function chip(picker, box) {
    var name = box.parentNode.textContent.trim();
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ls-chip";
    button.dataset.lsChip = box.value;
    button.setAttribute("aria-label", picker.dataset.lsRemove + " " + name);
    button.appendChild(document.createTextNode(name));
    var cross = document.createElement("span");
    cross.setAttribute("aria-hidden", "true");
    cross.textContent = "×";
    button.appendChild(cross);
    return button;
  }
  // Chips mirror the ticked boxes; rebuilt whole, which for 300 boxes is still instant.
  function redraw(picker) {
    var holder = picker.querySelector("[data-ls-chips]"), count = 0;
    while (holder.firstChild) { holder.removeChild(holder.firstChild); }
    Array.prototype.forEach.call(boxes(picker), function (box) {
      if (!box.checked || box.value === "") { return; }
      count += 1;
      if (box.type === "radio" && !picker.querySelector(".ls-picker-list input[value='']")) {
        var plain = document.createElement("span");  // a required single choice cannot be removed
        plain.className = "ls-chip";
        plain.textContent = box.parentNode.textContent.trim();
        holder.appendChild(plain);
      } else {
        holder.appendChild(chip(picker, box));
      }
    });
    var counter = picker.querySelector("[data-ls-count]");
    if (counter) { counter.textContent = count; }
  }

  // Removing a chip unticks its box (a radio falls back to "不指定"); focus stays in the picker.
  function unpick(picker, button) {
    var value = button.dataset.lsChip, next = button.nextElementSibling || button.previousElementSibling;
    Array.prototype.forEach.call(boxes(picker), function (box) {
      if (box.value === value) { box.checked = false; }
      if (box.type === "radio" && box.value === "") { box.checked = true; }
    });
    redraw(picker);
    var target = next && picker.querySelector("[data-ls-chip='" + next.dataset.lsChip + "']");
    (target || picker.querySelector("[data-ls-filter]")).focus();
  }

  function visible(picker) {
    return Array.prototype.filter.call(boxes(picker), function (box) {
      return box.value !== "" && box.offsetParent !== null;
    });
  }
  // Enter never submits the form from the filter box: with one match left it ticks that one.
  // Arrow down goes from the box into the list.
  function onKey(event) {
    var picker = pickerOf(event.target);
    if (!picker || !event.target.hasAttribute("data-ls-filter")) { return; }
    var shown;
    if (event.key === "Enter") {
      event.preventDefault();
      shown = visible(picker);
      if (shown.length === 1 && !shown[0].checked) { shown[0].click(); event.target.select(); }
    } else if (event.key === "ArrowDown") {
      shown = visible(picker);
      if (shown.length) { event.preventDefault(); shown[0].focus(); }
    }
  }

  document.addEventListener("input", function (event) {
    var picker = pickerOf(event.target);
    if (picker && event.target.hasAttribute("data-ls-filter")) { narrow(picker, event.target.value); }
  });
  document.addEventListener("change", function (event) {
    var picker = pickerOf(event.target);
    if (picker && !event.target.hasAttribute("data-ls-filter")) { redraw(picker); }
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-ls-chip]") : null;
    var picker = pickerOf(button);
    if (picker) { unpick(picker, button); }
  });
  document.addEventListener("keydown", onKey);
})();
