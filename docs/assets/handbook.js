(function () {
  "use strict";

  // Chinese queries. Material's search worker splits a run of Chinese characters into words of
  // the index, but never lets a word end at the last character of the run, so 党费 is searched
  // as 党 and 三会一课 as 三会 + 一. A trailing placeholder of script Han (〇) lets the whole
  // query be matched against the words jieba indexed; the placeholder itself is never matched.
  // Queries are the worker messages of type 2 (see Material's search worker protocol).
  // Question words carry no topic (党小组会多久开一次 asks about 党小组会) and are dropped first,
  // as QUESTION_WORDS are in the Whoosh index (handbook/searchindex.py).
  var QUERY = 2;
  var QUESTION = /为什么|干什么|做什么|怎么|怎样|如何|什么|哪些|哪个|多久|多少/g;
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      var query = message.data.replace(QUESTION, " ");
      message = { type: QUERY, data: query.replace(/\p{Script=Han}+/gu, function (run) { return run + "〇"; }) };
    }
    return post.apply(this, [message].concat(Array.prototype.slice.call(arguments, 1)));
  };

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

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(restore);
  } else {
    document.addEventListener("DOMContentLoaded", restore);
  }
})();
