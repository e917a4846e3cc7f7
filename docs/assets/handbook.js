(function () {
  "use strict";

  // Checklist ticks are kept in this browser only (localStorage), one key per flow step.
  // Material's `document$` fires on every page load, including instant navigation.
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

  // A hand-written page may draw a diagram with a ```mermaid fence (pre.hb-mermaid). The flows'
  // diagrams are SVG drawn when the site is built, so mermaid.js (3 MB, served by this site) is
  // fetched only by a page that has such a fence, and only once.
  var mermaidLoading = null;

  function drawMermaid() {
    var blocks = document.querySelectorAll("pre.hb-mermaid");
    if (!blocks.length) {
      return;
    }
    if (mermaidLoading === null) {
      mermaidLoading = new Promise(function (resolve, reject) {
        var base = JSON.parse(document.getElementById("__config").textContent).base;
        var script = document.createElement("script");
        script.src = base + "/assets/vendor/mermaid.min.js";
        script.onload = function () {
          window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
          resolve();
        };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    mermaidLoading.then(function () {
      blocks.forEach(function (block, index) {
        window.mermaid.render("hb-mermaid-" + index, block.textContent).then(function (result) {
          var drawing = document.createElement("div");
          drawing.className = "hb-mermaid";
          drawing.innerHTML = result.svg;
          block.replaceWith(drawing);
        });
      });
    });
  }

  function onPage() {
    restore();
    drawMermaid();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
