/* pressgen: start Pagefind's search box with the page's own messages, on the indexes of the
   page's language (one per year, newest first: the first is loaded, the others merged into
   it), and run the query that the header's search form sent (?q=...). A reader only ever
   searches their own language. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("search-strings").textContent);
  var bundles = (data.bundles || []).map(function (path) {
    return new URL(path, document.baseURI).pathname;
  });
  delete data.bundles;
  if (!bundles.length) {
    return;  // no release in this language yet: nothing to search
  }
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: bundles[0],
    mergeIndex: bundles.slice(1).map(function (path) { return { bundlePath: path }; }),
    showImages: false,
    showSubResults: false,
    translations: data
  });
  // Pagefind labels its box with a title only: name it by the page's heading instead
  var input = document.querySelector("#search input");
  if (input) {
    input.setAttribute("aria-labelledby", "search-heading");
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
})();
