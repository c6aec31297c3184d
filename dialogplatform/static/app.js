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

/* New municipality: the address follows the name until someone types in it
   (the server derives it from the name when it is left empty, so this is
   only a preview). */
(function () {
  var slug = document.querySelector("input[data-slug-from]");
  if (!slug) { return; }
  var source = slug.form && slug.form.elements[slug.getAttribute("data-slug-from")];
  if (!source) { return; }
  var touched = slug.value !== "";
  var spelled = { "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss" };
  function derive(name) {
    return name.toLowerCase().replace(/[äöüß]/g, function (c) { return spelled[c]; })
      .normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64).replace(/-+$/, "");
  }
  slug.addEventListener("input", function () { touched = slug.value !== ""; });
  source.addEventListener("input", function () { if (!touched) { slug.value = derive(source.value); } });
})();
