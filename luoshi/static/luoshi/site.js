/* Behaviour the templates ask for by data attributes, so no page needs an inline script or handler
   (the Content-Security-Policy allows scripts from this site's own files only):
   data-confirm="…" on a form or a submit button asks before submitting; data-print prints the page;
   data-autosubmit submits its form on change; data-back goes back (its href is the fallback);
   data-mirror="id" copies the field's value to the field with that id as it is typed or slid. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var button = event.submitter, form = event.target;
    var message = (button && button.dataset.confirm) || (form.dataset && form.dataset.confirm);
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  document.addEventListener("click", function (event) {
    var print = event.target.closest("[data-print]");
    if (print) {
      event.preventDefault();
      window.print();
      return;
    }
    var back = event.target.closest("a[data-back]");
    if (back && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });
  document.addEventListener("input", function (event) {
    var source = event.target.closest("[data-mirror]");
    var target = source && document.getElementById(source.dataset.mirror);
    if (target) { target.value = source.value; }
  });
  document.addEventListener("change", function (event) {
    var field = event.target.closest("[data-autosubmit]");
    if (field && field.form) {
      if (field.form.requestSubmit) { field.form.requestSubmit(); } else { field.form.submit(); }
    }
  });
})();
