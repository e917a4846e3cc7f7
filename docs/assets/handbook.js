(function () {
  "use strict";

  // Chinese queries. Material's search worker segments a Chinese query greedily with the words of
  // its index, stops at the first character no word starts with, and matches every segment as a
  // prefix, so stray single characters (要, 给, 进) match hundreds of words and 迟到早退 never meets
  // the 迟到 and 早退 of the page that should be found. So the query is segmented here, before it
  // reaches the worker (a message of type 2, see Material's search worker protocol), against the
  // vocabulary of the index (search/words.js, written by the build): the cover by known words
  // that leaves the fewest characters out, with the sub-words of compound words added, as jieba's
  // search mode does. Known words are matched exactly (`^1` stops the worker's trailing wildcard);
  // the word being typed at the end of the query stays a prefix. Question words carry no topic and
  // are dropped first, as QUESTION_WORDS are in the Whoosh index (handbook/searchindex.py).
  var QUERY = 2;
  var QUESTION = /为什么|干什么|做什么|怎么|怎样|如何|什么|哪些|哪个|多久|多少/g;
  var COMPLETIONS = 5;
  var vocabulary = null;
  var longest = 0;

  // The index's words, read once from search/words.js, and the length of the longest.
  function load() {
    if (vocabulary === null) {
      vocabulary = new Set((window.__handbookSearchWords || "").split(" "));
      vocabulary.forEach(function (word) { longest = Math.max(longest, word.length); });
    }
  }

  function known(word) {
    return word.length > 1 && vocabulary.has(word);
  }

  // The known words covering most of `run` (fewest words on a tie), as [start, end) spans.
  function cover(run) {
    load();
    var best = [{ covered: 0, spans: [] }];
    for (var end = 1; end <= run.length; end++) {
      var choice = best[end - 1];
      for (var start = Math.max(0, end - longest); start < end - 1; start++) {
        var before = best[start];
        var covered = before.covered + end - start;
        var better = covered > choice.covered ||
          (covered === choice.covered && before.spans.length + 1 < choice.spans.length);
        if (better && known(run.slice(start, end))) {
          choice = { covered: covered, spans: before.spans.concat([[start, end]]) };
        }
      }
      best[end] = choice;
    }
    return best[run.length].spans;
  }

  // The known words of two and three characters inside a longer word.
  function parts(word) {
    var found = [];
    for (var size = 2; size <= 3 && size < word.length; size++) {
      for (var i = 0; i + size <= word.length; i++) {
        if (known(word.slice(i, i + size))) found.push(word.slice(i, i + size));
      }
    }
    return found;
  }

  // The few shortest known words that start with `stem` and go on beyond it.
  function completed(stem) {
    if (stem.length < 2) return [];
    var found = [];
    vocabulary.forEach(function (word) {
      if (word.length > stem.length && word.lastIndexOf(stem, 0) === 0) found.push(word);
    });
    return found.sort(function (a, b) { return a.length - b.length; }).slice(0, COMPLETIONS);
  }

  // The worker's query terms for one run of Chinese. The placeholder 〇 (script Han) makes the
  // worker's segmenter keep the whole word, which it otherwise never lets end a run.
  function terms(run, typing) {
    var spans = cover(run);
    var exact = new Set();
    var prefix = new Set();
    spans.forEach(function (span) {
      var word = run.slice(span[0], span[1]);
      exact.add(word);
      parts(word).forEach(function (part) { exact.add(part); });
    });
    if (typing || !spans.length) {
      // The end of the query may be a word still being typed, and a run without a known word may
      // be the start of one. A known word at the end also finds its longer forms (a prefix); an
      // unknown rest is completed from the vocabulary, or else matched as a prefix.
      var last = spans.length ? spans[spans.length - 1] : [0, 0];
      var completions = last[1] === run.length ? [] : completed(run.slice(last[0]));
      completions.forEach(function (word) { exact.add(word); });
      if (!completions.length) prefix.add(run.slice(last[1] === run.length ? last[0] : last[1]));
    }
    prefix.forEach(function (word) { exact.delete(word); });
    return Array.from(exact, function (word) { return word + "〇^1"; })
      .concat(Array.from(prefix, function (word) { return word + "〇"; }));
  }

  function rewrite(query) {
    var text = query.replace(QUESTION, " ");
    return text.replace(/\p{Script=Han}+/gu, function (run, offset) {
      return terms(run, offset + run.length === text.length).join(" ");
    });
  }

  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && message.type === QUERY && typeof message.data === "string") {
      message = { type: QUERY, data: rewrite(message.data) };
    }
    return post.apply(this, [message].concat(Array.prototype.slice.call(arguments, 1)));
  };

  // Material searches on `keyup` only. Text that arrives without a key event (pasted, spoken,
  // handwritten, committed by some phone keyboards) would never be searched: every `input` event
  // of the search box is followed, after a short pause, by the keyup Material listens for. Material
  // itself ignores a keyup that leaves the text unchanged, so typed text is not searched twice.
  var SEARCH_DEBOUNCE_MS = 120;
  var pending = null;
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!(box instanceof HTMLInputElement) || !box.classList.contains("md-search__input")) {
      return;
    }
    window.clearTimeout(pending);
    pending = window.setTimeout(function () {
      box.dispatchEvent(new KeyboardEvent("keyup", { key: "Unidentified" }));
    }, SEARCH_DEBOUNCE_MS);
  }, true);

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
