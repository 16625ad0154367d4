// Progressive enhancement for the weekly check-in: a question marked data-shown-if="name=value"
// (the run's questions: "ran=yes") shows only once that answer is chosen. Hidden, its fieldset is
// disabled so nothing in it is sent. Without JavaScript every question shows, and the server
// still asks for the run's answers only after "Yes".
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector(".check-in-form");
  if (!form) {
    return;
  }
  var groups = form.querySelectorAll("[data-shown-if]");
  function update() {
    groups.forEach(function (group) {
      var parts = group.getAttribute("data-shown-if").split("=");
      var chosen = form.querySelector(
        'input[name="' + parts[0] + '"][value="' + parts[1] + '"]:checked'
      );
      group.hidden = !chosen;
      group.querySelector("fieldset").disabled = !chosen;
    });
  }
  form.addEventListener("change", update);
  update();
});
