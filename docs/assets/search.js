// The site's search: the same ranking as `handbook search`, over the same static index.
//
// The index (search/manifest.json, search/words.json, search/terms/<k>.json, search/docs/<n>.<p>.json)
// is written by handbook/search/ranking.py, and the functions below marked "twin" do step for step what
// the functions of the same name in its `Ranker` do: join words split by a particle, mend a homophone
// typo, cut the query against the vocabulary, drop question words, add sub-words, complete a partly
// typed last word, add up integer scores, list a page once by its best document, cut a snippet from the
// body piece it is in. So both front ends return the same results (the parity test in
// tests/test_search_recall.py, and tests/test_search_twins.py, which runs this file under Node). The
// manifest, the vocabulary and the sounds are fetched when the box opens; a query fetches only the
// shards of its terms and the body pieces of the results shown. From file:// (the offline copy) fetch
// is blocked, so the whole index is read from search/index.js, one script that the offline build
// writes.
//
// The box and the result list use Material's markup and classes (Material's own search plugin is
// not used), and the box answers on every `input` event: typing, an input method's commit, paste,
// voice and handwriting alike. When the site asks for it (the plugin's `search_beacon`), the box
// also requests search/beacon.txt with the query, so that the web server's own access log records
// what readers look for (see `log`).
(function () {
  "use strict";

  var DEBOUNCE_MS = 50;
  var SHOWN = 20;
  // A query is logged once its results have stood this long without a new input: what a reader
  // read, not each keystroke on the way to it.
  var SETTLE_MS = 1000;
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
  var cache = {};

  // A file of the index (a path under search/) as parsed JSON, fetched once. A failure is not kept: the
  // next query asks again.
  function load(path) {
    if (!cache[path]) {
      var loading = location.protocol === "file:"
        ? inlined().then(function (all) { return all[path]; })
        : fetched(path, 1);
      cache[path] = loading.catch(function (error) {
        delete cache[path];
        throw error;
      });
    }
    return cache[path];
  }

  // A file of the index fetched and parsed, tried `retries` more times after a pause if that fails: a file read
  // while a rebuild replaces it (`handbook serve`, a deployment) can come back cut short, or not at all. A retry
  // goes past the browser's cache, which may hold the cut copy.
  function fetched(path, retries, again) {
    var url = new URL("search/" + path, root);
    return fetch(url, again ? { cache: "reload" } : {}).then(function (response) {
      if (!response.ok) throw new Error(path + ": " + response.status);
      return response.json();
    }).catch(function (error) {
      if (!retries) throw error;
      return new Promise(function (resolve) { setTimeout(resolve, 300); }).then(function () {
        return fetched(path, retries - 1, true);
      });
    });
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

  function lower(text) {
    return text.toLowerCase();
  }

  // Twin of `vocabulary`: the words of the front-coded shards in order, and the shard of each.
  function vocabulary(coded) {
    var words = [];
    var shard = new Map();
    coded.forEach(function (text, number) {
      var previous = [];
      (text ? text.split(" ") : []).forEach(function (entry) {
        var rest = Array.from(entry);
        var word = previous.slice(0, Number(rest[0])).concat(rest.slice(1));
        words.push(word.join(""));
        shard.set(word.join(""), number);
        previous = word;
      });
    });
    return { words: words, shard: shard };
  }

  // Twin of `pages_of`: the type of every document and the first document of every page.
  function pagesOf(runs) {
    var codes = [];
    var starts = [];
    runs.forEach(function (run) {
      var sizes = run[2];
      for (var at = 0; at < sizes.length; at += 2) {
        for (var n = 0; n < sizes[at + 1]; n++) {
          starts.push(codes.length);
          codes.push(run[0]);
          for (var k = 1; k < sizes[at]; k++) codes.push(run[1]);
        }
      }
    });
    return { codes: codes, starts: starts };
  }

  function Ranker(manifest, coded, sounds) {
    var self = this;
    this.manifest = manifest;
    this.dropped = new Set(manifest.dropped);
    this.repealed = new Set(manifest.repealed);
    this.codes = {};
    this.names = {};
    this.titles = {};
    manifest.kinds.forEach(function (kind, number) {
      var code = String.fromCharCode(65 + number);
      self.codes[kind[0]] = code;
      self.names[code] = kind[0];
      self.titles[kind[0]] = kind[1];
    });
    var layout = pagesOf(manifest.layout);
    this.types = layout.codes;
    this.pages = layout.starts;
    var known = vocabulary(coded);
    this.words = known.words;
    this.shardOf = known.shard;
    this.sounds = new Map(); // each character's readings, as numbers of sound groups
    sounds.forEach(function (group, number) {
      Array.from(group).forEach(function (character) {
        if (!self.sounds.has(character)) self.sounds.set(character, new Set());
        self.sounds.get(character).add(number);
      });
    });
    this.patterns = null; // see `neighbours`
    this.lastRead = ["", ""]; // twin of `last_read`
  }

  // Twin of `known`.
  Ranker.prototype.known = function (word) {
    return this.shardOf.has(word) || this.dropped.has(word);
  };

  // Twin of `segment`: fewest unknown pieces, then fewest words; on a tie the longer words first.
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
        if (choice === null || unknown < choice[0] || (unknown === choice[0] && count <= choice[1])) {
          choice = [unknown, count, best[i][2].concat([[cuts[i], cuts[j]]])];
        }
      }
      best.push(choice);
    }
    return best[best.length - 1][2];
  };

  // Twin of `completions`.
  Ranker.prototype.completions = function (stem) {
    var words = this.words;
    var found = [];
    for (var at = bisect(words, stem, false); at < words.length; at++) {
      if (words[at].lastIndexOf(stem, 0) !== 0) break;
      if (length(words[at]) > length(stem)) found.push(words[at]);
    }
    found.sort(function (a, b) { return length(a) - length(b); }); // stable: vocabulary order on a tie
    return found.slice(0, this.manifest.completions);
  };

  // Twin of `join`.
  Ranker.prototype.join = function (run) {
    var chars = Array.from(run);
    var particles = this.manifest.particles;
    var shardOf = this.shardOf;
    return chars.filter(function (character, at) {
      if (particles.indexOf(character) < 0 || at === 0 || at === chars.length - 1) return true;
      var before = chars[at - 1], after = chars[at + 1];
      return !(shardOf.has(before + after) && !shardOf.has(before + character) && !shardOf.has(character + after));
    }).join("");
  };

  // Twin of `neighbours`, with `typed` as an array of characters.
  Ranker.prototype.neighbours = function (typed, at) {
    if (this.patterns === null) {
      var shortest = this.manifest.mend[0], longest = this.manifest.mend[1];
      var patterns = new Map();
      this.words.forEach(function (word) {
        var chars = Array.from(word);
        if (chars.length < shortest || chars.length > longest) return;
        for (var place = 0; place < chars.length; place++) {
          var key = chars.slice(0, place).join("") + "?" + chars.slice(place + 1).join("");
          if (!patterns.has(key)) patterns.set(key, []);
          patterns.get(key).push(word);
        }
      });
      this.patterns = patterns;
    }
    return this.patterns.get(typed.slice(0, at).join("") + "?" + typed.slice(at + 1).join("")) || [];
  };

  // Twin of `mend` (positions in characters, not UTF-16 units, as Python counts them).
  Ranker.prototype.mend = function (run) {
    var self = this;
    var shortest = this.manifest.mend[0], longest = this.manifest.mend[1];
    var chars = Array.from(run);
    var single = new Set();
    this.segment(run).forEach(function (span) {
      if (length(run.slice(span[0], span[1])) === 1) single.add(length(run.slice(0, span[0])));
    });
    function alike(a, b) {
      var theirs = self.sounds.get(b) || new Set();
      return Array.from(self.sounds.get(a) || []).some(function (number) { return theirs.has(number); });
    }
    for (var size = Math.min(longest, chars.length); size >= shortest; size--) {
      for (var start = 0; start + size <= chars.length; start++) {
        var typed = chars.slice(start, start + size);
        if (this.known(typed.join(""))) continue;
        var found = new Set();
        for (var at = 0; at < size; at++) {
          if (!single.has(start + at)) continue;
          this.neighbours(typed, at).forEach(function (word) {
            if (alike(Array.from(word)[at], typed[at])) found.add(word);
          });
        }
        if (found.size === 1) {
          return chars.slice(0, start).join("") + found.values().next().value + chars.slice(start + size).join("");
        }
      }
    }
    return run;
  };

  // Twin of `read`.
  Ranker.prototype.read = function (text) {
    var self = this;
    if (this.lastRead[0] !== text) {
      this.lastRead = [text, this.clipped(text).replace(RUN, function (found) {
        var run = self.join(found);
        for (var m = 0; m < self.manifest.mend[2]; m++) {
          var mended = self.mend(run);
          if (mended === run) break;
          run = mended;
        }
        return run;
      })];
    }
    return this.lastRead[1];
  };

  // Twin of `clipped`.
  Ranker.prototype.clipped = function (text) {
    return Array.from(lower(text)).slice(0, this.manifest.query_chars).join("");
  };

  // Twin of `mended`.
  Ranker.prototype.mended = function (text) {
    var read = this.read(text);
    return read !== this.clipped(text) ? read : "";
  };

  // Twin of `query`: [term, number of the query word it stands for, whether it is that word whole].
  Ranker.prototype.query = function (text) {
    text = this.read(text);
    var terms = [];
    var words = 0;
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
        terms.push([word, words, true]);
        var chars = Array.from(word);
        [2, 3].forEach(function (size) {
          for (var i = 0; i + size <= chars.length && size < chars.length; i++) {
            terms.push([chars.slice(i, i + size).join(""), words, false]);
          }
        });
        words += 1;
      }
      if (r === runs.length - 1 && runs[r].index + run.length === text.length) {
        for (var k = 0; k < spans.length; k++) {
          var stem = run.slice(spans[k][0]);
          if (this.known(stem)) break;
          var found = this.completions(stem);
          if (found.length) {
            terms = terms.concat(found.map(function (completion) { return [completion, words, true]; }));
            break;
          }
        }
      }
    }
    var self = this;
    var seen = new Set();
    return terms.filter(function (entry) {
      if (seen.has(entry[0]) || !self.shardOf.has(entry[0])) return false;
      seen.add(entry[0]);
      return true;
    }).slice(0, this.manifest.query_terms);
  };

  // Twin of `shard`.
  Ranker.prototype.shard = function (term) {
    return load("terms/" + this.shardOf.get(term) + ".json");
  };

  // Twin of `totals`: every matching document as [document, score], best first, and per document
  // 1 + the body piece of the first occurrence of a term. The score is coordinated as there.
  Ranker.prototype.totals = function (query) {
    var self = this;
    return Promise.all(query.map(function (entry) { return self.shard(entry[0]); })).then(function (shards) {
      var total = new Map();
      var held = new Map();
      var whole = new Map();
      var pieces = new Map();
      var size = new Map();
      query.forEach(function (entry, t) {
        var term = entry[0], word = entry[1];
        size.set(word, (size.get(word) || 0) + 1);
        var flat = shards[t][term];
        var number = 0;
        for (var at = 0; at < flat.length; at += 3) {
          number += flat[at];
          total.set(number, (total.get(number) || 0) + flat[at + 1]);
          if (!held.has(number)) held.set(number, new Map());
          var counts = held.get(number);
          counts.set(word, (counts.get(word) || 0) + 1);
          if (entry[2]) {
            if (!whole.has(number)) whole.set(number, new Set());
            whole.get(number).add(word);
          }
          if (flat[at + 2] && !(pieces.get(number) <= flat[at + 2])) pieces.set(number, flat[at + 2]);
        }
      });
      var square = query.length * query.length;
      var sorted = Array.from(total.entries(), function (entry) {
        var holds = whole.get(entry[0]) || new Set();
        var share = 0;
        held.get(entry[0]).forEach(function (count, word) { share += holds.has(word) ? size.get(word) : count; });
        return [entry[0], Math.floor(entry[1] * share * share / square)];
      }).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return { sorted: sorted, pieces: pieces };
    });
  };

  // Twin of `ranked`: per page its best document, best first, optionally of one kind only.
  Ranker.prototype.ranked = function (sorted, kind, repealed) {
    var code = kind ? this.codes[kind] : null;
    var seen = new Set();
    var result = [];
    for (var n = 0; n < sorted.length; n++) {
      var number = sorted[n][0];
      if ((kind && this.types[number] !== code) || (!repealed && this.repealed.has(number))) continue;
      var page = bisect(this.pages, number, true);
      if (!seen.has(page)) {
        seen.add(page);
        result.push(sorted[n]);
      }
    }
    return result;
  };

  // Twin of `snippet`, marking with <mark> (as HTML, the text escaped); `start` and the result's
  // `at` count code points, as Python does.
  Ranker.prototype.snippet = function (body, terms, start) {
    var size = this.manifest.snippet[0];
    var lead = this.manifest.snippet[1];
    var chars = Array.from(body);
    var low = lower(body);
    var from = chars.slice(0, start).join("").length;
    var first = -1;
    terms.forEach(function (term) {
      var at = low.indexOf(term, from);
      if (at >= 0 && (first < 0 || at < first)) first = at;
    });
    if (first < 0) return { html: escape(chars.slice(start, start + size).join("")), at: -1 };
    first = length(body.slice(0, first));
    var begin = Math.max(0, first - lead);
    var window_ = chars.slice(begin, begin + size).join("");
    var lowWindow = lower(window_);
    var words = terms.slice().sort(function (a, b) { return length(b) - length(a); });
    var out = "";
    var at = 0;
    while (at < window_.length) {
      var word = null;
      for (var w = 0; w < words.length; w++) {
        if (lowWindow.startsWith(words[w], at)) { word = words[w]; break; }
      }
      if (word) {
        out += "<mark>" + escape(window_.slice(at, at + word.length)) + "</mark>";
        at += word.length;
      } else {
        var char = String.fromCodePoint(window_.codePointAt(at));
        out += escape(char);
        at += char.length;
      }
    }
    return { html: out, at: first };
  };

  // Twin of `article`.
  function article(body, at, carry) {
    if (at < 0) return "";
    var found = Array.from(body).slice(0, at).join("").match(ARTICLE);
    return found ? found[found.length - 1] : carry;
  }

  // Twin of `named`.
  function named(title, questions, aliases, terms) {
    function holds(text) {
      var low = lower(text);
      return terms.some(function (term) { return low.indexOf(term) >= 0; });
    }
    if (holds(title)) return "";
    var lists = [["", questions], ["又称：", aliases]];
    for (var l = 0; l < lists.length; l++) {
      for (var t = 0; t < lists[l][1].length; t++) {
        if (holds(lists[l][1][t])) return lists[l][0] + lists[l][1][t];
      }
    }
    return "";
  }

  function escape(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]; });
  }

  // The rest of twin `search`: each shown hit, with its titles, URL, snippet and match, as a promise
  // of its own (the list shows each as soon as it and the ones above it have arrived).
  Ranker.prototype.hits = function (ranked, pieces, terms) {
    var self = this;
    var lead = this.manifest.snippet[1];
    return ranked.map(function (entry) {
      var piece = Math.max((pieces.get(entry[0]) || 0) - 1, 0);
      return load("docs/" + entry[0] + "." + piece + ".json").then(function (rows) {
        var row = rows[0];
        var snippet = self.snippet(row[5], terms, Math.min(piece * self.manifest.piece, lead));
        var match = row[2] !== row[1] ? row[2] : article(row[5], snippet.at, row[4]) || named(row[1], row[6], row[7], terms);
        var type = self.names[self.types[entry[0]]];
        return {
          key: row[0], type: type, kind: self.titles[type], title: row[1], match: match, url: row[3],
          score: entry[1], snippet: snippet.html,
        };
      });
    });
  };

  var ranker = null;
  function getRanker() {
    if (ranker === null) {
      ranker = Promise.all([load("manifest.json"), load("words.json"), load("sounds.json")]).then(function (files) {
        return new Ranker(files[0], files[1], files[2]);
      });
    }
    return ranker;
  }

  // The results of a query: the text read, the terms looked up, the number of pages (of the kind
  // asked for, and of all kinds), with `counts` the number of pages of each kind, and the shown hits
  // as promises.
  function find(text, options) {
    return getRanker().then(function (r) {
      var query = r.query(text);
      var terms = query.map(function (entry) { return entry[0]; });
      return r.totals(query).then(function (found) {
        var pages = r.ranked(found.sorted, options.kind || null, false);
        var kinds = {};
        if (options.counts) {
          r.manifest.kinds.forEach(function (entry) {
            var count = r.ranked(found.sorted, entry[0], false).length;
            if (count) kinds[entry[0]] = count;
          });
        }
        var everything = options.kind ? r.ranked(found.sorted, null, false).length : pages.length;
        var hits = r.hits(pages.slice(0, options.limit || SHOWN), found.pieces, terms);
        // as much as the ranking reads, in the reader's own case (shown back to them; `clipped` lowers it)
        var read = Array.from(text).slice(0, r.manifest.query_chars).join("");
        return {
          read: read, mended: r.mended(text), terms: terms, total: pages.length, everything: everything, kinds: kinds,
          titles: r.titles, hits: hits,
        };
      });
    });
  }

  // The results of a query with every shown hit arrived, as `handbook search --json` lists them
  // (read by the tests and benchmarks).
  function search(text, options) {
    return find(text, options || {}).then(function (result) {
      return Promise.all(result.hits).then(function (hits) {
        result.hits = hits;
        return result;
      });
    });
  }
  // For tests and benchmarks: the texts answered, in order, when (performance.now()), and when
  // the first result of each answer was on screen.
  window.__hbSearch = { search: search, answered: [], times: [], first: [] };

  // ---- the box and the result list -------------------------------------------------------

  // Under Node (tests/test_search_twins.py) there is no page: the ranking above is all there is.
  var header = document.querySelector(".md-header__inner");

  function icon(name) {
    return '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="' + ICONS[name] + '"/></svg>';
  }

  // A page opened from a result marks the query's words (the result link carries them as ?h=).
  function highlight() {
    var words = (new URL(location.href).searchParams.get("h") || "").split(" ").filter(Boolean);
    var content = document.querySelector("article.md-content__inner");
    if (!words.length || !content) return;
    words.sort(function (a, b) { return b.length - a.length; });
    var pattern = new RegExp(words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "gi");
    var walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
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
    'autocapitalize="off" autocorrect="off" autocomplete="off" spellcheck="false" required ' +
    'role="combobox" aria-expanded="true" aria-controls="hb-search-list" aria-autocomplete="list">' +
    '<label class="md-search__icon md-icon" for="__search">' + icon("magnify") + icon("back") + "</label>" +
    '<nav class="md-search__options" aria-label="搜索"><button type="reset" class="md-search__icon md-icon" ' +
    'title="清空当前内容" aria-label="清空当前内容" tabindex="-1">' + icon("close") + "</button></nav></form>" +
    '<div class="md-search__output"><div class="md-search__scrollwrap" tabindex="0"><div class="md-search-result">' +
    '<div class="md-search-result__meta">键入以开始搜索</div><div class="hb-search-kinds"></div>' +
    '<ol class="md-search-result__list" id="hb-search-list" role="listbox"></ol></div></div></div></div>';
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
  var active = -1; // the result chosen with ↑/↓ (Enter opens it), none at first

  function open(state) {
    if (toggle && toggle.checked !== state) toggle.checked = state;
  }

  // Opening the box fetches the manifest already: the first query then waits for its own files only.
  box.addEventListener("focus", function () {
    open(true);
    getRanker();
  });
  if (toggle) {
    toggle.addEventListener("change", function () {
      if (toggle.checked) box.focus();
      else {
        box.blur();
        log.flush();
      }
    });
  }

  // Where a typed character belongs to the page, not to the search: a text field or editable text.
  function typing(target) {
    return target instanceof Element && (target.closest("input, textarea, select, [contenteditable]") !== null);
  }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle && toggle.checked) {
      open(false);
      box.blur();
      log.flush();
    } else if ((event.key === "/" || event.key === "s") && !event.ctrlKey && !event.metaKey && !event.altKey &&
        !typing(event.target)) {
      event.preventDefault(); // the key opens the box; it is not typed into it
      open(true);
      box.focus();
    }
  });

  function links() {
    return list.querySelectorAll("a.md-search-result__link");
  }

  // ↑/↓ move the highlight through the results (the box keeps the focus, so typing goes on).
  function choose(number) {
    var all = links();
    if (!all.length) return;
    active = Math.max(-1, Math.min(all.length - 1, number));
    all.forEach(function (link, at) {
      link.classList.toggle("hb-search-active", at === active);
      link.parentElement.setAttribute("aria-selected", at === active ? "true" : "false");
    });
    if (active >= 0) {
      all[active].scrollIntoView({ block: "nearest" });
      box.setAttribute("aria-activedescendant", all[active].parentElement.id);
    } else {
      box.removeAttribute("aria-activedescendant");
    }
  }

  box.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      choose(active + (event.key === "ArrowDown" ? 1 : -1));
    }
  });
  panel.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
    var chosen = links()[Math.max(active, 0)];
    if (chosen) {
      log.opened(chosen);
      location.href = chosen.href;
    }
  });
  // A result opened by the mouse (or in a new tab with the middle button) is logged as Enter's is.
  ["click", "auxclick"].forEach(function (type) {
    list.addEventListener(type, function (event) {
      var chosen = event.target instanceof Element ? event.target.closest("a.md-search-result__link") : null;
      if (chosen) log.opened(chosen);
    });
  });
  panel.querySelector("form").addEventListener("reset", function () {
    window.setTimeout(function () { kind = null; answer(); }, 0);
  });
  // Every input event counts, however the text arrived; the answer is for the text in the box then.
  box.addEventListener("input", function () {
    window.clearTimeout(pending);
    log.typed();
    pending = window.setTimeout(answer, DEBOUNCE_MS);
  });
  window.addEventListener("pagehide", function () { log.flush(); });

  function answered(text) {
    window.__hbSearch.answered.push(text);
    window.__hbSearch.times.push(performance.now());
  }

  function answer() {
    var text = box.value;
    var number = ++asked;
    active = -1;
    if (!text.trim()) {
      meta.textContent = "键入以开始搜索";
      kindsBar.innerHTML = "";
      list.innerHTML = "";
      window.__hbSearch.first.push(performance.now());
      answered(text);
      return;
    }
    find(text, { kind: kind, counts: true }).then(function (result) {
      if (number !== asked) return null;
      show(result);
      // Each result is shown once it and the ones above it have arrived: the first does not wait for the last.
      return result.hits.reduce(function (before, hit, at) {
        return before.then(function () {
          return hit.then(function (found) {
            if (number !== asked) return;
            list.insertAdjacentHTML("beforeend", item(found, at, result.terms));
            if (at === 0) window.__hbSearch.first.push(performance.now());
          });
        });
      }, Promise.resolve()).then(function () {
        if (number !== asked) return;
        if (!result.hits.length) window.__hbSearch.first.push(performance.now());
        log.shown(result.read, result.total);
        answered(text);
      });
    }).catch(function (error) {
      if (number !== asked) return;
      meta.textContent = "搜索索引无法加载：" + error.message;
      window.__hbSearch.first.push(performance.now());
      answered(text);
    });
  }

  function show(result) {
    meta.textContent = (result.total ? "找到 " + result.total + " 个页面" : "没有找到符合条件的结果") +
      (result.mended ? "（按“" + result.mended + "”查找）" : "");
    kindsBar.innerHTML = "";
    list.innerHTML = "";
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
  }

  // One result as HTML: every text escaped (the snippet is escaped where it is cut).
  function item(hit, at, terms) {
    var link = new URL(hit.url, root);
    link.search = "h=" + encodeURIComponent(terms.join(" "));
    var labels = '<span class="hb-search-kind-label">' + escape(hit.kind) + "</span>";
    if (hit.match) labels += '<span class="hb-search-match">' + escape(hit.match) + "</span>";
    return '<li class="md-search-result__item" id="hb-search-result-' + at + '" role="option" aria-selected="false">' +
      '<a href="' + escape(link.href) + '" class="md-search-result__link" tabindex="-1" data-hb-url="' + escape(hit.url) +
      '" data-hb-rank="' + (at + 1) + '"><article class="md-search-result__article md-typeset" data-hb-type="' + escape(hit.type) + '">' +
      '<div class="md-search-result__icon md-icon"></div><h1>' + escape(hit.title) + "</h1>" +
      '<p class="hb-search-labels">' + labels + "</p><p>" + hit.snippet + "</p></article></a></li>";
  }

  // ---- the beacon: what readers look for, in the web server's own log -------------------------
  //
  // Only when the site was built with the plugin's `search_beacon: true` (the manifest names the
  // file), and never from file://. Each request is a GET of the empty file search/beacon.txt on the
  // site's own host, without cookies or referrer, whose parameters are all there is: `q` a query
  // whose results stood still (SETTLE_MS), `n` how many pages it found, `p` the query it replaced
  // (the reader refined it without opening anything), and for a result opened `open` its address
  // in the site and `rank` its place. No identifier of any kind is sent or kept.
  var log = (function () {
    var settled = null; // the latest query shown, not yet logged
    var timer = null;
    // The query logged last, the one it refined, and whether a result of it was opened (then what
    // comes next is a new search, not a refinement).
    var last = { query: "", previous: "", opened: false };

    function send(params) {
      getRanker().then(function (r) {
        if (!r.manifest.beacon || location.protocol === "file:") return;
        var url = new URL("search/" + r.manifest.beacon, root);
        Object.keys(params).forEach(function (name) { if (params[name] !== "") url.searchParams.set(name, params[name]); });
        fetch(url, { cache: "no-store", credentials: "omit", keepalive: true, referrerPolicy: "no-referrer" })
          .catch(function () { return null; }); // a log that cannot be written changes nothing for the reader
      });
    }

    function flush() {
      window.clearTimeout(timer);
      if (settled !== null && settled.query !== last.query) {
        var previous = last.opened ? "" : last.query;
        send({ q: settled.query, n: settled.total, p: previous });
        last = { query: settled.query, previous: previous, opened: false };
      }
      settled = null;
    }

    return {
      typed: function () { window.clearTimeout(timer); },
      shown: function (text, total) {
        var query = text.trim();
        settled = query ? { query: query, total: total } : null;
        window.clearTimeout(timer);
        if (settled) timer = window.setTimeout(flush, SETTLE_MS);
      },
      flush: flush,
      opened: function (link) {
        flush();
        if (!last.query) return;
        send({ q: last.query, p: last.previous, open: link.dataset.hbUrl, rank: link.dataset.hbRank });
        last.opened = true;
      },
    };
  })();
})();
