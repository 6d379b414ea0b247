// KlimaNetze progressive enhancement for the survey and admin pages. The pages work without
// this file; with it: the roster gets a live search, questions that apply only to difficult
// collaborations (quality <= 3) hide when they do not apply, and the error summary takes focus.
// Loaded as an external, self-hosted script (CSP script-src 'self'); no inline handlers.
"use strict";
(function () {
  function norm(s) {
    return s.toLocaleLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss");
  }

  function rosterSearch() {
    var box = document.querySelector(".roster-search");
    var list = document.getElementById("roster-list");
    if (!box || !list) return;
    box.hidden = false;
    var input = document.getElementById("roster-q");
    var count = document.getElementById("roster-count");
    var items = Array.prototype.slice.call(list.querySelectorAll("li"));
    var names = items.map(function (li) { return norm(li.textContent || ""); });
    var groups = Array.prototype.slice.call(list.querySelectorAll("details.group"));
    var initiallyOpen = groups.map(function (g) { return g.open; });
    function apply() {
      var q = norm(input.value.trim());
      var shown = 0;
      items.forEach(function (li, i) {
        var match = q === "" || names[i].indexOf(q) !== -1;
        li.classList.toggle("hidden", !match);
        if (match) shown++;
      });
      groups.forEach(function (g, i) {
        var any = g.querySelector("li:not(.hidden)") !== null;
        g.hidden = !any;
        // Without a search: as on load, and open wherever something is ticked now.
        var ticked = g.querySelector("input[type=checkbox]:checked") !== null;
        g.open = q === "" ? (initiallyOpen[i] || ticked) : any;
      });
      count.textContent = q === "" ? "" : (document.documentElement.lang === "de" ? shown + " Treffer" : shown + " matches");
    }
    input.addEventListener("input", apply);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") e.preventDefault();  // Enter must not submit the form
    });
    var chosen = document.getElementById("chosen-count");
    list.addEventListener("change", function () {
      if (!chosen) return;
      var n = list.querySelectorAll("input[type=checkbox]:checked").length;
      chosen.textContent = chosen.textContent.replace(/\d+/, String(n));
    });
  }

  function conditionalQuestions() {
    var dependents = document.querySelectorAll("[data-when-quality-max]");
    Array.prototype.forEach.call(dependents, function (q) {
      var scope = q.closest("section.tie") || q.closest("form");
      var quality = scope && scope.querySelector("fieldset[data-quality]");
      if (!quality) return;
      var max = parseInt(q.getAttribute("data-when-quality-max"), 10);
      function apply() {
        var checked = quality.querySelector("input:checked");
        var value = checked ? parseInt(checked.value, 10) : NaN;
        q.classList.toggle("q-hidden", !(value <= max));
      }
      quality.addEventListener("change", apply);
      apply();
    });
    Array.prototype.forEach.call(document.querySelectorAll(".q .hint"), function (h) {
      if (h.closest("[data-when-quality-max]")) h.hidden = true;
    });
  }

  function focusErrors() {
    var errors = document.getElementById("errors");
    if (errors) errors.focus();
  }

  function confirmDanger() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-confirm]"), function (f) {
      f.addEventListener("submit", function (e) {
        if (!window.confirm(f.getAttribute("data-confirm"))) e.preventDefault();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    rosterSearch();
    conditionalQuestions();
    focusErrors();
    confirmDanger();
  });
})();
