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

  // 大字模式: one button in the header; the choice is kept in this browser and applied on every page.
  var LARGE = "handbook.large";

  function largeWanted() {
    try {
      return window.localStorage.getItem(LARGE) === "1";
    } catch (e) {
      return false;
    }
  }

  function applyLarge(on) {
    document.documentElement.classList.toggle("hb-large", on);
    document.querySelectorAll(".hb-large-toggle").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  function largeToggle() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".hb-large-toggle")) {
      return;
    }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-header__button hb-large-toggle";
    button.textContent = "大字";
    button.title = "大字模式：放大全部文字，再按一次恢复";
    button.addEventListener("click", function () {
      var on = !document.documentElement.classList.contains("hb-large");
      try {
        window.localStorage.setItem(LARGE, on ? "1" : "0");
      } catch (e) {
        /* storage disabled: large text for this page only */
      }
      applyLarge(on);
    });
    var search = header.querySelector(".md-search");
    header.insertBefore(button, search ? search : null);
    applyLarge(largeWanted());
  }

  applyLarge(largeWanted()); // before the page is shown, as far as a deferred script can

  // A region that scrolls sideways (a wide table or diagram) can be scrolled from the keyboard: it takes
  // the focus when it overflows and holds nothing else that can.
  function scrollable() {
    document.querySelectorAll(".md-typeset__scrollwrap, .hb-swimlane-box").forEach(function (region) {
      var overflows = region.scrollWidth > region.clientWidth + 1;
      var focusable = region.querySelector("a[href], button, input, [tabindex]");
      if (overflows && !focusable) {
        region.setAttribute("tabindex", "0");
        region.setAttribute("role", "region");
        region.setAttribute("aria-label", "可左右滚动的内容");
      } else if (region.getAttribute("tabindex") === "0" && !overflows) {
        region.removeAttribute("tabindex");
        region.removeAttribute("role");
        region.removeAttribute("aria-label");
      }
    });
  }

  var resizing = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(resizing);
    resizing = window.setTimeout(scrollable, 200);
  });

  function onPage() {
    restore();
    drawMermaid();
    largeToggle();
    scrollable();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
