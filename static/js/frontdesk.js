// Keyboard help for the contact registration screen (the page works without it).
// Enter in a look-up field moves to its first result; Enter on a result chooses it
// and moves on to the next field instead of submitting the whole form.
(function () {
  "use strict";

  function focusable(form) {
    return Array.prototype.filter.call(
      form.querySelectorAll("input, select, textarea, button, summary, a[href]"),
      function (element) {
        return !element.disabled && element.type !== "hidden" && element.getClientRects().length > 0;
      }
    );
  }

  function focusAfter(container) {
    var form = container.closest("form");
    if (!form) {
      return;
    }
    var next = focusable(form).find(function (element) {
      return (
        !container.contains(element) &&
        container.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING
      );
    });
    if (next) {
      next.focus();
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Enter" || event.ctrlKey || event.altKey || event.metaKey) {
      return;
    }
    var target = event.target;
    if (!(target instanceof HTMLInputElement)) {
      return;
    }
    var resultsId = target.getAttribute("data-results");
    if (resultsId) {
      event.preventDefault();
      var results = document.getElementById(resultsId);
      var first = results && results.querySelector("input[type=radio]");
      if (first) {
        first.focus();
      }
      return;
    }
    var group = target.type === "radio" ? target.closest("[data-choices]") : null;
    if (group) {
      event.preventDefault();
      if (!target.checked) {
        target.checked = true;
        target.dispatchEvent(new Event("change", { bubbles: true }));
      }
      focusAfter(group);
    }
  });
})();
