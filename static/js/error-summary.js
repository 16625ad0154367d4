// Progressive enhancement: move focus to the error summary so keyboard and screen-reader
// users land on the list of problems. Without JavaScript the summary is still first on the page.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
});
