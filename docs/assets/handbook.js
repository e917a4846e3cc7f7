// Checklist ticks are kept in this browser only (localStorage), one key per flow step.
// Material's `document$` fires on every page load, including instant navigation.
(function () {
  "use strict";
  var PREFIX = "handbook.check.";

  function restore() {
    document.querySelectorAll("input.hb-check[data-hb-check]").forEach(function (box) {
      var key = PREFIX + box.getAttribute("data-hb-check");
      try {
        box.checked = window.localStorage.getItem(key) === "1";
      } catch (e) {
        return; // storage disabled: ticks simply are not kept
      }
      box.addEventListener("change", function () {
        try {
          if (box.checked) {
            window.localStorage.setItem(key, "1");
          } else {
            window.localStorage.removeItem(key);
          }
        } catch (e) {
          /* storage disabled */
        }
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(restore);
  } else {
    document.addEventListener("DOMContentLoaded", restore);
  }
})();
