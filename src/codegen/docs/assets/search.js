// The docs site's search box. The index (search-index.js) is a script that assigns
// window.TRUTHLINE_SEARCH, loaded on first use: a script tag works from file:// where
// fetch() of a JSON file does not. Results are built with textContent, never innerHTML,
// so text from contracts stays text.
(function () {
  "use strict";
  var input = document.getElementById("search");
  var list = document.getElementById("search-results");
  if (!input || !list) return;
  var root = document.body.getAttribute("data-root") || "";
  var waiting = [];

  function load(then) {
    if (window.TRUTHLINE_SEARCH) { then(); return; }
    waiting.push(then);
    if (waiting.length > 1) return;
    var s = document.createElement("script");
    s.src = root + "search-index.js";
    s.onload = function () { var w = waiting; waiting = []; w.forEach(function (f) { f(); }); };
    document.head.appendChild(s);
  }

  // Entries are [name, kind, url, description, words]. Every term must match; a match
  // in the name ranks above one in the description, fields or columns.
  function find(query) {
    var terms = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (!terms.length) return [];
    var out = [];
    var all = window.TRUTHLINE_SEARCH || [];
    for (var i = 0; i < all.length; i++) {
      var e = all[i];
      var name = e[0].toLowerCase();
      var rest = (e[3] + " " + e[4]).toLowerCase();
      var score = 0;
      for (var t = 0; t < terms.length; t++) {
        var term = terms[t];
        if (name === term || name.split(" ")[0] === term) score += 100;
        else if (name.indexOf(term) === 0) score += 50;
        else if (name.indexOf(term) >= 0) score += 20;
        else if (rest.indexOf(term) >= 0) score += 1;
        else { score = 0; break; }
      }
      if (score > 0) out.push([score, i]);
    }
    out.sort(function (a, b) { return b[0] - a[0] || a[1] - b[1]; });
    return out.slice(0, 25).map(function (x) { return all[x[1]]; });
  }

  function show() {
    var q = input.value.trim();
    list.textContent = "";
    if (!q) { list.hidden = true; return; }
    var results = find(q);
    if (!results.length) {
      var none = document.createElement("li");
      none.className = "none";
      none.textContent = "No match for “" + q + "”";
      list.appendChild(none);
    }
    results.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = root + e[2];
      var name = document.createElement("span");
      name.className = "name";
      name.textContent = e[0];
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = e[1];
      a.appendChild(name);
      a.appendChild(document.createTextNode(" "));
      a.appendChild(kind);
      if (e[3]) {
        var d = document.createElement("span");
        d.className = "desc";
        d.textContent = e[3].length > 140 ? e[3].slice(0, 139) + "…" : e[3];
        a.appendChild(d);
      }
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = false;
  }

  input.addEventListener("focus", function () { load(function () {}); });
  input.addEventListener("input", function () { load(show); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { input.value = ""; show(); }
    if (ev.key === "Enter") {
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && document.activeElement !== input) { ev.preventDefault(); input.focus(); }
  });
})();
