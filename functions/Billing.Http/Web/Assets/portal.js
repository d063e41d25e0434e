// The portal's one script (P1): progressive enhancement only; every page works without it.
(function () {
  "use strict";
  // A notice or an error of the last action gets the focus, so a screen reader says it first.
  var said = document.getElementById("error") || document.getElementById("notice");
  if (said) { said.setAttribute("tabindex", "-1"); said.focus(); }

  // Forms that do something hard to undo ask first (data-confirm holds the question, in the person's language).
  document.addEventListener("submit", function (e) {
    var q = e.target.getAttribute && e.target.getAttribute("data-confirm");
    if (q && !window.confirm(q)) e.preventDefault();
  });

  // A live quote (the top-up bonus): an input with data-quote-url and data-quote-target asks the server as the amount changes.
  document.querySelectorAll("input[data-quote-url]").forEach(function (input) {
    var target = document.getElementById(input.getAttribute("data-quote-target"));
    if (!target) return;
    var timer = 0, asked = 0;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var n = ++asked;
        var url = input.getAttribute("data-quote-url") + "?amount=" + encodeURIComponent(input.value);
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (q) { if (n === asked && q && typeof q.text === "string") target.textContent = q.text; })
          .catch(function () { /* the quote shown after submitting still says it */ });
      }, 250);
    });
  });
})();
