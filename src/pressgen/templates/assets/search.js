/* pressgen: start Pagefind's search box with the page's own messages, and run the query
   that the header's search form sent (?q=...). Pagefind searches the index of the page's
   language (<html lang>), so a reader only ever gets results in that language. */
(function () {
  "use strict";
  var strings = JSON.parse(document.getElementById("search-strings").textContent);
  var ui = new PagefindUI({
    element: "#search",
    showImages: false,
    showSubResults: false,
    translations: strings
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
