// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Move focus to the error summary after an invalid submit.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
});
