// Watches Material's search box in the browser, for tests/test_search_recall.py and
// scripts/bench_search.py: counts the worker's result messages (type 3) once Material has
// rendered them, so that a test reads the results of the query it typed and never those of an
// earlier one, and times each from the input event that started it (our query segmentation,
// the worker's search and the rendering).
window.__hbSearch = { typed: 0, rendered: [] };
document.addEventListener("input", function () { window.__hbSearch.typed = performance.now(); }, true);
const addListener = Worker.prototype.addEventListener;
Worker.prototype.addEventListener = function (type, listener, options) {
  if (type === "message") {
    const inner = listener;
    listener = function (event) {
      const out = inner.apply(this, arguments);
      if (event.data && event.data.type === 3) {
        window.__hbSearch.rendered.push(performance.now() - window.__hbSearch.typed);
      }
      return out;
    };
  }
  return addListener.call(this, type, listener, options);
};
