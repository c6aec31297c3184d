// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary after an invalid submit.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
});

// Live entry forms (data-live-entry): an entry typed while the connection
// is gone is not lost. The form keeps the text and says it was not saved;
// after a successful save it is emptied for the next entry.
(function () {
  function statusOf(form) { return form.querySelector("[data-live-status]"); }
  function say(form, key) {
    var box = statusOf(form);
    if (box) { box.textContent = box.getAttribute("data-" + key) || ""; box.hidden = false; }
    form.classList.toggle("is-unsaved", key === "unsaved");
  }
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.target.closest && event.target.closest("form[data-live-entry]");
    if (!form || event.target !== form) { return; }
    if (event.detail.successful) {
      form.reset();
      say(form, "saved");
      var first = form.querySelector("textarea, input[type=text]");
      if (first) { first.focus(); }
    } else {
      say(form, "unsaved");
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.target.closest && event.target.closest("form[data-live-entry]");
    if (form) { say(form, "unsaved"); }
  });
})();
