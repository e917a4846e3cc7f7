// The site's search: the same ranking as `handbook search`, over the same static index.
//
// The index (search/manifest.json, search/terms/<n>.json, search/docs/<n>.json) is written by
// handbook/search/ranking.py, and the functions below marked "twin" do step for step what the
// functions of the same name in its `Ranker` do: cut the query against the vocabulary, drop
// question words, add sub-words, complete a partly typed last word, add up integer scores, list
// a page once by its best document. So both front ends return the same results (the parity test
// in tests/test_search_recall.py). Only the shards of the query's terms and the chunks of the
// results shown are fetched. From file:// (the offline copy) fetch is blocked, so the whole index
// is read from search/index.js, one script that the offline build writes.
//
// The box and the result list use Material's markup and classes (Material's own search plugin is
// not used), and the box answers on every `input` event: typing, an input method's commit, paste,
// voice and handwriting alike.
(function () {
  "use strict";

  var DEBOUNCE_MS = 50;
  var SHOWN = 20;
  var RUN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffa-z0-9]+/g;
  var UNIT = /[a-z0-9]+|[\s\S]/gu;
  var ARTICLE = /第[一二三四五六七八九十百零〇]+条/g;
  var ICONS = {
    magnify: "M9.5 3A6.5 6.5 0 0 1 16 9.5c0 1.61-.59 3.09-1.56 4.23l.27.27h.79l5 5-1.5 1.5-5-5v-.79l-.27-.27A6.52 6.52 0 0 1 9.5 16 6.5 6.5 0 0 1 3 9.5 6.5 6.5 0 0 1 9.5 3m0 2C7 5 5 7 5 9.5S7 14 9.5 14 14 12 14 9.5 12 5 9.5 5",
    back: "M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11z",
    close: "M19 6.41 17.59 5 12 10.59 6.41 5 5 6.41 10.59 12 5 17.59 6.41 19 12 13.41 17.59 19 19 17.59 13.41 12z",
  };

  // ---- the index -------------------------------------------------------------------------

  var config = JSON.parse(document.getElementById("__config").textContent);
  var root = new URL(config.base.replace(/\/?$/, "/"), location.href);
  var files = null; // the offline copy's whole index, from search/index.js
  var cache = {};

  // A file of the index (a path under search/) as parsed JSON, fetched once.
  function load(path) {
    if (!cache[path]) {
      if (location.protocol === "file:") {
        cache[path] = inlined().then(function (all) { return all[path]; });
      } else {
        cache[path] = fetch(new URL("search/" + path, root)).then(function (response) {
          if (!response.ok) throw new Error(path + ": " + response.status);
          return response.json();
        });
      }
    }
    return cache[path];
  }

  var inlining = null;
  function inlined() {
    if (inlining === null) {
      inlining = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("search/index.js", root).href;
        script.onload = function () { resolve(window.__hbSearchFiles); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return inlining;
  }

  // Strings compare by UTF-16 code units here; ranking.py sorts the vocabulary the same way (`order`).
  function bisect(list, word, right) {
    var lo = 0;
    var hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < word || (right && list[mid] === word)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  function length(word) {
    return Array.from(word).length; // code points, as Python's len
  }

  function Ranker(manifest) {
    this.manifest = manifest;
    this.words = manifest.words;
    this.vocabulary = new Set(manifest.words);
    this.dropped = new Set(manifest.dropped);
    this.codes = {};
    this.names = {};
    var self = this;
    manifest.kinds.forEach(function (kind, number) {
      var code = String.fromCharCode(65 + number);
      self.codes[kind[0]] = code;
      self.names[code] = kind[0];
    });
    this.titles = {};
    manifest.kinds.forEach(function (kind) { self.titles[kind[0]] = kind[1]; });
    this.repealed = new Set(manifest.repealed);
  }

  Ranker.prototype.known = function (word) {
    return this.vocabulary.has(word) || this.dropped.has(word);
  };

  // Twin of `segment`: fewest unknown pieces, then fewest words; the earliest split on a tie.
  Ranker.prototype.segment = function (run) {
    var cuts = [0];
    run.replace(UNIT, function (piece, offset) { cuts.push(offset + piece.length); return piece; });
    var best = [[0, 0, []]];
    for (var j = 1; j < cuts.length; j++) {
      var choice = null;
      for (var i = 0; i < j; i++) {
        var whole = this.known(run.slice(cuts[i], cuts[j]));
        if (!whole && i !== j - 1) continue;
        var unknown = best[i][0] + (whole ? 0 : 1);
        var count = best[i][1] + 1;
        if (choice === null || unknown < choice[0] || (unknown === choice[0] && count < choice[1])) {
          choice = [unknown, count, best[i][2].concat([[cuts[i], cuts[j]]])];
        }
      }
      best.push(choice);
    }
    return best[best.length - 1][2];
  };

  // Twin of `completions`.
  Ranker.prototype.completions = function (stem) {
    var found = [];
    for (var at = bisect(this.words, stem, false); at < this.words.length; at++) {
      if (this.words[at].lastIndexOf(stem, 0) !== 0) break;
      if (length(this.words[at]) > length(stem)) found.push(this.words[at]);
    }
    found.sort(function (a, b) { return length(a) - length(b); }); // stable: vocabulary order on a tie
    return found.slice(0, this.manifest.completions);
  };

  // Twin of `query_terms`.
  Ranker.prototype.queryTerms = function (text) {
    text = Array.from(text.toLowerCase()).slice(0, this.manifest.query_chars).join("");
    var terms = [];
    var runs = [];
    var match;
    RUN.lastIndex = 0;
    while ((match = RUN.exec(text)) !== null) runs.push(match);
    for (var r = 0; r < runs.length; r++) {
      var run = runs[r][0];
      var spans = this.segment(run);
      for (var s = 0; s < spans.length; s++) {
        var word = run.slice(spans[s][0], spans[s][1]);
        if (this.dropped.has(word)) continue;
        terms.push(word);
        var chars = Array.from(word);
        [2, 3].forEach(function (size) {
          for (var i = 0; i + size <= chars.length && size < chars.length; i++) {
            terms.push(chars.slice(i, i + size).join(""));
          }
        });
      }
      if (r === runs.length - 1 && runs[r].index + run.length === text.length) {
        for (var k = 0; k < spans.length; k++) {
          var stem = run.slice(spans[k][0]);
          if (this.vocabulary.has(stem)) break;
          var found = this.completions(stem);
          if (found.length) {
            terms = terms.concat(found);
            break;
          }
        }
      }
    }
    var self = this;
    var seen = new Set();
    return terms.filter(function (term) {
      if (seen.has(term) || !self.vocabulary.has(term)) return false;
      seen.add(term);
      return true;
    }).slice(0, this.manifest.query_terms);
  };

  Ranker.prototype.shard = function (term) {
    return load("terms/" + bisect(this.manifest.shards, term, true) + ".json");
  };

  // Twin of `totals`: every matching document as [document, score], best first.
  Ranker.prototype.totals = function (terms) {
    var self = this;
    return Promise.all(terms.map(function (term) { return self.shard(term); })).then(function (shards) {
      var total = new Map();
      terms.forEach(function (term, t) {
        var flat = shards[t][term];
        var number = 0;
        for (var at = 0; at < flat.length; at += 2) {
          number += flat[at];
          total.set(number, (total.get(number) || 0) + flat[at + 1]);
        }
      });
      return Array.from(total.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    });
  };

  // Twin of `ranked`: per page its best document, best first, optionally of one kind only.
  Ranker.prototype.ranked = function (sorted, kind, repealed) {
    var code = kind ? this.codes[kind] : null;
    var types = this.manifest.types;
    var pages = this.manifest.pages;
    var seen = new Set();
    var result = [];
    for (var n = 0; n < sorted.length; n++) {
      var number = sorted[n][0];
      if ((kind && types[number] !== code) || (!repealed && this.repealed.has(number))) continue;
      var page = bisect(pages, number, true);
      if (!seen.has(page)) {
        seen.add(page);
        result.push(sorted[n]);
      }
    }
    return result;
  };

  // Twin of `snippet`, marking with <mark> (as HTML, the body escaped).
  Ranker.prototype.snippet = function (body, terms) {
    var size = this.manifest.snippet[0];
    var lead = this.manifest.snippet[1];
    var chars = Array.from(body);
    var lower = body.toLowerCase();
    var first = -1;
    terms.forEach(function (term) {
      var at = lower.indexOf(term);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    if (first < 0) return { html: escape(chars.slice(0, size).join("")), at: -1 };
    var start = Math.max(0, length(body.slice(0, first)) - lead);
    var window_ = chars.slice(start, start + size).join("");
    var low = window_.toLowerCase();
    var words = terms.slice().sort(function (a, b) { return length(b) - length(a); });
    var out = "";
    var at = 0;
    while (at < window_.length) {
      var word = null;
      for (var w = 0; w < words.length; w++) {
        if (low.startsWith(words[w], at)) { word = words[w]; break; }
      }
      if (word) {
        out += "<mark>" + escape(window_.slice(at, at + word.length)) + "</mark>";
        at += word.length;
      } else {
        out += escape(window_[at]);
        at += 1;
      }
    }
    return { html: out, at: first };
  };

  function escape(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // The shown hits of a ranked list, with their documents' titles, URLs and snippets.
  Ranker.prototype.hits = function (ranked, terms) {
    var self = this;
    var chunk = this.manifest.chunk;
    return Promise.all(ranked.map(function (entry) {
      return load("docs/" + Math.floor(entry[0] / chunk) + ".json").then(function (rows) {
        var row = rows[entry[0] % chunk];
        var snippet = self.snippet(row[4], terms);
        var articles = snippet.at > 0 ? row[4].slice(0, snippet.at).match(ARTICLE) : null;
        var match = row[2] !== row[1] ? row[2] : articles ? articles[articles.length - 1] : "";
        var type = self.names[self.manifest.types[entry[0]]];
        return { key: row[0], type: type, kind: self.titles[type], title: row[1], match: match, url: row[3], snippet: snippet.html };
      });
    }));
  };

  var ranker = null;
  function getRanker() {
    if (ranker === null) {
      ranker = load("manifest.json").then(function (manifest) { return new Ranker(manifest); });
    }
    return ranker;
  }

  // The results of a query, as `handbook search --json` lists them (read by the tests and benchmarks too):
  // the shown pages, their number, and with `counts` the number of pages of each kind.
  function search(text, options) {
    options = options || {};
    return getRanker().then(function (r) {
      var terms = r.queryTerms(text);
      return r.totals(terms).then(function (sorted) {
        var pages = r.ranked(sorted, options.kind || null, false);
        var kinds = {};
        if (options.counts) {
          r.manifest.kinds.forEach(function (entry) {
            var count = r.ranked(sorted, entry[0], false).length;
            if (count) kinds[entry[0]] = count;
          });
        }
        var everything = options.kind ? r.ranked(sorted, null, false).length : pages.length;
        return r.hits(pages.slice(0, options.limit || SHOWN), terms).then(function (hits) {
          return { terms: terms, total: pages.length, everything: everything, kinds: kinds, titles: r.titles, hits: hits };
        });
      });
    });
  }
  // For tests and benchmarks: the texts answered, in order, and when (performance.now()).
  window.__hbSearch = { search: search, answered: [], times: [] };

  // ---- the box and the result list -------------------------------------------------------

  function icon(name) {
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="' + ICONS[name] + '"/></svg>';
  }

  // A page opened from a result marks the query's words (the result link carries them as ?h=).
  function highlight() {
    var words = (new URL(location.href).searchParams.get("h") || "").split(" ").filter(Boolean);
    var article = document.querySelector("article.md-content__inner");
    if (!words.length || !article) return;
    words.sort(function (a, b) { return b.length - a.length; });
    var pattern = new RegExp(words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "gi");
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      if (!walker.currentNode.parentElement.closest("svg, script, style, mark")) nodes.push(walker.currentNode);
    }
    nodes.forEach(function (node) {
      var text = node.nodeValue;
      pattern.lastIndex = 0;
      if (!pattern.test(text)) return;
      var html = escape(text).replace(pattern, function (word) { return "<mark>" + word + "</mark>"; });
      var holder = document.createElement("span");
      holder.innerHTML = html;
      node.replaceWith.apply(node, Array.from(holder.childNodes));
    });
  }
  highlight();

  var header = document.querySelector(".md-header__inner");
  if (!header) return;
  var opener = document.createElement("label");
  opener.className = "md-header__button md-icon";
  opener.htmlFor = "__search";
  opener.innerHTML = icon("magnify");
  var panel = document.createElement("div");
  panel.className = "md-search";
  panel.setAttribute("role", "dialog");
  panel.innerHTML =
    '<label class="md-search__overlay" for="__search"></label>' +
    '<div class="md-search__inner" role="search"><form class="md-search__form" name="search">' +
    '<input type="text" class="md-search__input" name="query" aria-label="搜索" placeholder="搜索" ' +
    'autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" required>' +
    '<label class="md-search__icon md-icon" for="__search">' + icon("magnify") + icon("back") + "</label>" +
    '<nav class="md-search__options" aria-label="搜索"><button type="reset" class="md-search__icon md-icon" ' +
    'title="清空当前内容" aria-label="清空当前内容" tabindex="-1">' + icon("close") + "</button></nav></form>" +
    '<div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0"><div class="md-search-result">' +
    '<div class="md-search-result__meta">键入以开始搜索</div><div class="hb-search-kinds"></div>' +
    '<ol class="md-search-result__list" role="presentation"></ol></div></div></div></div>';
  var source = header.querySelector(".md-header__source");
  header.insertBefore(opener, source);
  header.insertBefore(panel, source);

  var toggle = document.getElementById("__search");
  var box = panel.querySelector(".md-search__input");
  var meta = panel.querySelector(".md-search-result__meta");
  var kindsBar = panel.querySelector(".hb-search-kinds");
  var list = panel.querySelector(".md-search-result__list");
  var kind = null;
  var pending = null;
  var asked = 0; // the number of the latest query: an older one's answer is never shown

  function open(state) {
    if (toggle && toggle.checked !== state) toggle.checked = state;
  }

  box.addEventListener("focus", function () { open(true); });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) box.focus();
      else box.blur();
    });
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle && toggle.checked) {
      open(false);
      box.blur();
    }
  });
  panel.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  panel.querySelector("form").addEventListener("reset", function () {
    window.setTimeout(function () { kind = null; answer(); }, 0);
  });
  // Every input event counts, however the text arrived; the answer is for the text in the box then.
  box.addEventListener("input", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(answer, DEBOUNCE_MS);
  });

  function answer() {
    var text = box.value;
    var number = ++asked;
    if (!text.trim()) {
      meta.textContent = "键入以开始搜索";
      kindsBar.innerHTML = "";
      list.innerHTML = "";
      window.__hbSearch.answered.push(text);
      window.__hbSearch.times.push(performance.now());
      return;
    }
    search(text, { kind: kind, counts: true }).then(function (result) {
      if (number !== asked) return;
      show(result);
      window.__hbSearch.answered.push(text);
      window.__hbSearch.times.push(performance.now());
    }, function (error) {
      if (number !== asked) return;
      meta.textContent = "搜索索引无法加载：" + error.message;
      window.__hbSearch.answered.push(text);
      window.__hbSearch.times.push(performance.now());
    });
  }

  function show(result) {
    meta.textContent = result.total ? "找到 " + result.total + " 个页面" : "没有找到符合条件的结果";
    kindsBar.innerHTML = "";
    var kinds = Object.keys(result.kinds);
    if (kinds.length > 1 || kind) {
      [[null, "全部", result.everything]].concat(kinds.map(function (type) {
        return [type, null, result.kinds[type]];
      })).forEach(function (entry) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "hb-search-kind" + (entry[0] === kind ? " hb-search-kind--active" : "");
        button.setAttribute("aria-pressed", entry[0] === kind ? "true" : "false");
        button.dataset.kind = entry[0] || "";
        button.textContent = (entry[1] || result.titles[entry[0]]) + " " + entry[2];
        button.addEventListener("click", function () {
          kind = entry[0];
          answer();
          box.focus();
        });
        kindsBar.appendChild(button);
      });
    }
    var terms = encodeURIComponent(result.terms.join(" "));
    list.innerHTML = result.hits.map(function (hit) {
      var link = new URL(hit.url, root);
      link.search = "h=" + terms;
      var labels = '<span class="hb-search-kind-label">' + escape(hit.kind) + "</span>";
      if (hit.match) labels += '<span class="hb-search-match">' + escape(hit.match) + "</span>";
      return '<li class="md-search-result__item"><a href="' + escape(link.href) + '" class="md-search-result__link" tabindex="-1">' +
        '<article class="md-search-result__article md-typeset" data-hb-type="' + hit.type + '">' +
        '<div class="md-search-result__icon md-icon"></div><h1>' + escape(hit.title) + "</h1>" +
        '<p class="hb-search-labels">' + labels + "</p><p>" + hit.snippet + "</p></article></a></li>";
    }).join("");
  }
})();
