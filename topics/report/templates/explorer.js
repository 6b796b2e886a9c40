/* The explorer: map, search, cross-filters, selection, timeline and article table over one data table.
 *
 * Everything reads the "report-data" JSON (see topics/report/explorer.py). Corpus text only ever
 * reaches the page through textContent, or escaped for plotly's HTML-like strings.
 */
(function () {
  "use strict";
  // Marks for the benchmarks (performance.getEntriesByType("mark")): where loading time goes.
  function mark(name) { if (window.performance && performance.mark) { performance.mark("topics:" + name); } }
  mark("script");
  var D = JSON.parse(document.getElementById("report-data").textContent);
  mark("parsed");
  var specs = JSON.parse(document.getElementById("report-figures").textContent);
  var N = D.n_units;
  var A = D.articles;
  var NA = A.id.length;
  var GREY = "#dde0e6";
  var PAGE_SIZE = 25;
  var LIST_SHOWN = 60;
  var INDEX_CHUNK = 2000; // units indexed per task, so the page stays responsive while it builds
  function $(id) { return document.getElementById(id); }

  // ---- derived tables ------------------------------------------------------------------------
  var xs = new Float64Array(N), ys = new Float64Array(N);
  var b = D.bounds, sx = (b[1] - b[0]) / D.grid, sy = (b[3] - b[2]) / D.grid;
  for (var i = 0; i < N; i++) { xs[i] = b[0] + D.x[i] * sx; ys[i] = b[2] + D.y[i] * sy; }
  var topicById = {};
  D.topics.forEach(function (t) { topicById[t.id] = t; });
  var themes = D.themes;
  var themePrimary = themes ? themes.primary : null;
  var unitsOfArticle = [];
  for (var a = 0; a < NA; a++) { unitsOfArticle.push([]); }
  for (i = 0; i < N; i++) { unitsOfArticle[D.article[i]].push(i); }
  var bucketOfUnit = new Int32Array(N).fill(-1);
  if (D.dates) { for (i = 0; i < N; i++) { bucketOfUnit[i] = D.dates.article_bucket[D.article[i]]; } }

  function dominant(values, skip) {
    var counts = {}, best = null, bestCount = 0;
    values.forEach(function (v) {
      if (v === skip) { return; }
      counts[v] = (counts[v] || 0) + 1;
      if (counts[v] > bestCount) { best = v; bestCount = counts[v]; }
    });
    return best;
  }
  var articleTopic = [], articleTheme = [];
  for (a = 0; a < NA; a++) {
    var members = unitsOfArticle[a];
    var topic = dominant(members.map(function (u) { return D.topic[u]; }), -1);
    articleTopic.push(topic === null ? -1 : Number(topic));
    var theme = themes ? dominant(members.map(function (u) { return themePrimary[u]; }), -1) : null;
    articleTheme.push(theme === null ? -1 : Number(theme));
  }

  function topicName(id) {
    var t = topicById[id];
    return id === -1 ? "outliers" : id + " · " + (t ? t.label : "");
  }
  function themeName(index) { return index >= 0 ? themes.names[index] : "no theme"; }
  var themeScores = themes && themes.scores, NT = themes ? themes.names.length : 0;
  /* "theme 62 · theme 40": the themes a set of units scores on (mean score, 0..100), best first. */
  function themeScoreText(units, shown) {
    if (!themeScores || !units.length) { return ""; }
    var totals = new Float64Array(NT);
    units.forEach(function (u) { for (var t = 0; t < NT; t++) { totals[t] += themeScores[u * NT + t]; } });
    var order = [];
    for (var t = 0; t < NT; t++) { if (totals[t] / units.length >= 1) { order.push(t); } }
    order.sort(function (p, q) { return totals[q] - totals[p]; });
    return order.slice(0, shown || 3).map(function (t) { return themes.names[t] + " " + Math.round(totals[t] / units.length); }).join(" · ");
  }
  function subtopicName(topic, index) {
    var list = (D.subtopics || {})[String(topic)];
    return list && list[index] ? list[index].label : "subtopic " + index;
  }
  function escapeHtml(text) { return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function shorten(text, limit) { text = String(text).replace(/\s+/g, " ").trim(); return text.length <= limit ? text : text.slice(0, limit - 1) + "…"; }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function counted(n, noun) { return n + " " + noun + (n === 1 ? "" : "s"); }
  function swatch(color) { var s = el("span", "swatch"); s.style.background = color; return s; }

  // ---- state -----------------------------------------------------------------------------------
  var F = { topic: null, subtopic: null, theme: null, source: null, label: null, article: null, dates: null, selection: null };
  var colorBy = "topic";
  var mapLevel = "topic"; // "subtopic": the map shows the stories inside each topic
  var mask = new Uint8Array(N).fill(1);
  var highlighted = [];

  function passes(u, skip) {
    if (F.topic !== null && D.topic[u] !== F.topic) { return false; }
    if (F.subtopic !== null && D.subtopic[u] !== F.subtopic) { return false; }
    if (F.theme !== null && themePrimary[u] !== F.theme) { return false; }
    var art = D.article[u];
    if (F.source !== null && A.source[art] !== F.source) { return false; }
    if (F.label !== null && A.label[art] !== F.label) { return false; }
    if (F.article !== null && art !== F.article) { return false; }
    if (F.selection !== null && !F.selection[u]) { return false; }
    if (F.dates !== null && skip !== "dates") {
      var bucket = bucketOfUnit[u];
      if (bucket < F.dates[0] || bucket > F.dates[1]) { return false; }
    }
    return true;
  }
  function anyFilter() {
    return Object.keys(F).some(function (key) { return F[key] !== null; });
  }

  // ---- search index: built in slices after the page is ready, finished at once if asked for --------
  var TOKEN = /[\p{L}\p{N}]+/gu;
  function tokens(text) { return String(text).toLowerCase().match(TOKEN) || []; }
  var postings = new Map(), vocabulary = null, indexed = 0, titleTokens = new Array(NA);
  function indexUnits(upTo) {
    for (; indexed < upTo; indexed++) {
      var u = indexed, art = D.article[u];
      var seen = new Set(tokens(D.text[u]));
      if (!titleTokens[art]) { titleTokens[art] = tokens(A.title[art]); }
      titleTokens[art].forEach(function (w) { seen.add(w); });
      seen.forEach(function (w) {
        var list = postings.get(w);
        if (!list) { postings.set(w, list = []); }
        list.push(u);
      });
    }
    if (indexed === N && !vocabulary) {
      vocabulary = Array.from(postings.keys()).sort();
      titleTokens = null;
      map.setAttribute("data-indexed", "true");
      mark("indexed");
      TopicsFigures.unpack(); // plotly.js, unpacked in the background for the figures further down
    }
  }
  function ensureIndex() { if (!vocabulary) { indexUnits(N); } }
  function indexInSlices() {
    if (vocabulary) { return; }
    indexUnits(Math.min(N, indexed + INDEX_CHUNK));
    if (!vocabulary) { setTimeout(indexInSlices, 0); }
  }
  function wordsWithPrefix(prefix) {
    var lo = 0, hi = vocabulary.length;
    while (lo < hi) { var mid = (lo + hi) >> 1; if (vocabulary[mid] < prefix) { lo = mid + 1; } else { hi = mid; } }
    var found = [];
    for (var k = lo; k < vocabulary.length && vocabulary[k].lastIndexOf(prefix, 0) === 0 && found.length < 200; k++) { found.push(vocabulary[k]); }
    return found;
  }
  /* Units holding every query word (the last one also as a prefix), best first: rarer words weigh more. */
  function search(query) {
    var words = tokens(query);
    if (!words.length) { return []; }
    if (!vocabulary) { return scan(words); }
    var score = null;
    words.forEach(function (word, position) {
      var forms = position === words.length - 1 ? wordsWithPrefix(word) : (postings.has(word) ? [word] : []);
      var gained = new Map();
      forms.forEach(function (form) {
        var list = postings.get(form), weight = Math.log(1 + N / list.length);
        list.forEach(function (u) { gained.set(u, Math.max(gained.get(u) || 0, weight)); });
      });
      if (score === null) { score = gained; return; }
      var next = new Map();
      score.forEach(function (s, u) { if (gained.has(u)) { next.set(u, s + gained.get(u)); } });
      score = next;
    });
    return Array.from(score.keys()).sort(function (p, q) { return score.get(q) - score.get(p) || p - q; });
  }

  /* The same search while the index is still being built: a pass over the texts, each word as a
   * whole word (the last also as a prefix), case-insensitive. Hits come in corpus order. */
  function scan(words) {
    var patterns = words.map(function (word, position) {
      var tail = position === words.length - 1 ? "" : "(?![\\p{L}\\p{N}])";
      return new RegExp("(?<![\\p{L}\\p{N}])" + word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + tail, "iu");
    });
    var hits = [];
    for (var u = 0; u < N; u++) {
      var text = D.text[u], title = A.title[D.article[u]];
      if (patterns.every(function (p) { return p.test(text) || p.test(title); })) { hits.push(u); }
    }
    return hits;
  }

  /* Words over-represented in ``units`` compared with the whole corpus (document frequencies). */
  var stopWords = new Set(D.stop_words);
  function distinguishingWords(units, count) {
    ensureIndex();
    var sample = units.length > 5000 ? units.filter(function (_, k) { return k % Math.ceil(units.length / 5000) === 0; }) : units;
    var inSelection = new Map();
    sample.forEach(function (u) {
      new Set(tokens(D.text[u])).forEach(function (w) { inSelection.set(w, (inSelection.get(w) || 0) + 1); });
    });
    var minimum = sample.length >= 10 ? 2 : 1, scored = [];
    inSelection.forEach(function (c, w) {
      if (c < minimum || w.length < 3 || stopWords.has(w) || /^\d+$/.test(w)) { return; }
      var share = c / sample.length, overall = postings.get(w).length / N;
      if (share <= overall && sample.length < N) { return; }
      scored.push([w, share * Math.log(1 / overall)]);
    });
    scored.sort(function (p, q) { return q[1] - p[1]; });
    return scored.slice(0, count).map(function (pair) { return pair[0]; });
  }

  // ---- map ---------------------------------------------------------------------------------
  var map = $("map");
  var tooltip = el("div", "map-tooltip");
  tooltip.id = "map-tooltip";
  tooltip.hidden = true;
  map.appendChild(tooltip);

  function subtopicOf(u) {
    var list = (D.subtopics || {})[String(D.topic[u])];
    return list && D.subtopic ? list[D.subtopic[u]] : null;
  }
  function unitColor(u) {
    if (colorBy === "theme") { var p = themePrimary[u]; return p >= 0 ? themes.colors[p] : themes.none_color; }
    if (mapLevel === "subtopic") { var sub = subtopicOf(u); if (sub) { return sub.color; } }
    return topicById[D.topic[u]].color;
  }
  function mapColors() {
    var colors = new Array(N);
    for (var u = 0; u < N; u++) { colors[u] = mask[u] ? unitColor(u) : GREY; }
    return colors;
  }
  var view = null; // the canvas map (canvasmap.js)
  function drawMap() {
    var size = N <= 300 ? 9 : N <= 3000 ? 6 : N <= 30000 ? 4 : 3;
    var layout = specs.map.layout;
    var labels = (layout.annotations || []).map(function (a) {
      return { x: a.x, y: a.y, lx: a.showarrow ? a.ax : a.x, ly: a.showarrow ? a.ay : a.y, text: shorten(topicById[a.meta].label, 36), color: topicById[a.meta].ink || a.bordercolor, visible: true, meta: a.meta };
    });
    map.classList.add("canvas-map");
    view = TopicsCanvasMap(map, { xs: xs, ys: ys, size: size, labels: labels, height: layout.height, xRange: layout.xaxis.range, yRange: layout.yaxis.range });
    view.annotations = labels;
    return view.setColors(mapColors());
  }
  function highlight(units) {
    highlighted = units;
    map.setAttribute("data-ringed", String(units.length));
    return view.setRings(units);
  }
  function showTooltip(u, event) {
    tooltip.textContent = "";
    tooltip.appendChild(el("strong", null, A.title[D.article[u]] || "(untitled)"));
    tooltip.appendChild(el("p", null, shorten(D.text[u], 320)));
    var sub = subtopicOf(u);
    if (mapLevel === "subtopic" && sub) { tooltip.appendChild(el("div", "muted", "subtopic: " + sub.label + (sub.event ? " · event, peak " + sub.event : ""))); }
    var footer = el("em", null, topicName(D.topic[u]) + (themes ? " · " + themeName(themePrimary[u]) : "") + " · p = " + (D.probability[u] / 100).toFixed(2));
    tooltip.appendChild(footer);
    var scores = themeScoreText([u]);
    if (scores) { tooltip.appendChild(el("div", "theme-scores", "theme scores: " + scores)); }
    var box = map.getBoundingClientRect();
    var x = event && event.clientX !== undefined ? event.clientX - box.left : box.width / 2;
    var y = event && event.clientY !== undefined ? event.clientY - box.top : box.height / 2;
    tooltip.style.left = Math.min(x + 14, box.width - 340) + "px";
    tooltip.style.top = Math.min(y + 14, box.height - 160) + "px";
    tooltip.hidden = false;
  }

  /* Whether the map shows subtopics: the level toggle at "subtopic", the colours by topic. */
  function bySubtopic() { return colorBy !== "theme" && mapLevel === "subtopic"; }
  /* A unit's colour group (colorKey's keys): its theme, its subtopic ("3.1") at the subtopic level, else its
   * topic (a unit in no subtopic keeps its topic's colour, so its topic is its group). */
  function groupOf(u) {
    if (colorBy === "theme") { return themePrimary[u]; }
    return bySubtopic() && subtopicOf(u) ? D.topic[u] + "." + D.subtopic[u] : D.topic[u];
  }
  /* The groups in the colour key's order: a topic's subtopics, then its units in none. */
  function mapGroups() {
    if (colorBy === "theme") { return themes.names.map(function (_, k) { return k; }).concat([-1]); }
    var keys = [];
    D.topics.forEach(function (t) {
      if (bySubtopic()) { ((D.subtopics || {})[String(t.id)] || []).forEach(function (_, k) { keys.push(t.id + "." + k); }); }
      keys.push(t.id);
    });
    return keys;
  }
  /* A unit in words, for the map's live region (plain text: it is set with textContent): its group first. */
  function describeUnit(u) {
    var sub = bySubtopic() ? subtopicOf(u) : null;
    var group = colorBy === "theme" ? "Theme: " + themeName(themePrimary[u]) :
      sub ? "Subtopic " + sub.label + ", in topic " + topicName(D.topic[u]) : "Topic " + topicName(D.topic[u]);
    return group + ". " + (A.title[D.article[u]] || "(untitled)") + ". " + shorten(D.text[u], 200);
  }
  /* The map from the keyboard (mapkeys.js): its groups are the colours', topics, subtopics or themes. */
  function wireKeys() {
    TopicsMapKeys(view, {
      xs: xs, ys: ys, live: $("map-live"), help: $("map-keys-help"),
      shown: function (u) { return mask[u] === 1; },
      weight: function (u) { return D.probability[u]; },
      groupOf: groupOf,
      groups: mapGroups,
      groupNoun: function () { return colorBy === "theme" ? "theme" : bySubtopic() ? "subtopic" : "topic"; },
      describe: describeUnit,
      showCard: function (u) { var p = view.clientPoint(u); showTooltip(u, { clientX: p.x, clientY: p.y }); },
      hideCard: function () { tooltip.hidden = true; },
      open: moreLikeThis
    });
  }

  // ---- colour key: what each colour of the map stands for, among the units shown ------------------
  var KEY_SHOWN = 60;
  function colorKey() {
    var byTheme = colorBy === "theme", subtopics = bySubtopic();
    var counts = new Map(), u, key;
    for (u = 0; u < N; u++) {
      if (!mask[u]) { continue; }
      key = groupOf(u);
      counts.set(key, (counts.get(key) || 0) + 1);
    }
    var entries = []; // [key, colour, label], in unitColor's terms
    if (byTheme) {
      themes.names.forEach(function (name, k) { entries.push([k, themes.colors[k], name]); });
      entries.push([-1, themes.none_color, "no theme"]);
    } else {
      D.topics.forEach(function (t) {
        var subs = subtopics ? (D.subtopics || {})[String(t.id)] || [] : [];
        subs.forEach(function (sub, k) { entries.push([t.id + "." + k, sub.color, "topic " + t.id + ", subtopic " + k + " · " + sub.label]); });
        entries.push([t.id, t.color, topicName(t.id)]);
      });
    }
    return entries.filter(function (e) { return counts.has(e[0]); }).map(function (e) { return { color: e[1], label: e[2], count: counts.get(e[0]) }; });
  }
  function drawKey() {
    var what = colorBy === "theme" ? "theme (its primary theme; the labels on the map name topics)" :
      mapLevel === "subtopic" ? "subtopic (shades of its topic's colour)" : "topic";
    $("map-key-title").textContent = "Colour: each " + D.level + "'s " + what;
    var label = "Map of " + N + " " + D.level + " units coloured by " + (colorBy === "theme" ? "theme" : mapLevel);
    map.setAttribute("aria-label", label);
    view.canvas.setAttribute("aria-label", label);
    var list = $("map-key-list"), entries = colorKey();
    list.textContent = "";
    entries.slice(0, KEY_SHOWN).forEach(function (entry) {
      var item = el("li", "map-key-item");
      item.appendChild(swatch(entry.color));
      item.appendChild(document.createTextNode(shorten(entry.label, 48) + " "));
      item.appendChild(el("span", "muted", String(entry.count)));
      list.appendChild(item);
    });
    if (entries.length > KEY_SHOWN) { list.appendChild(el("li", "muted", "and " + (entries.length - KEY_SHOWN) + " more (hover a point)")); }
  }

  // ---- panel: search hits, selections, more like this ---------------------------------------
  function panel(title, note, units, keywords) {
    $("panel-title").textContent = title;
    $("panel-note").textContent = note;
    var chips = $("panel-keywords");
    chips.textContent = "";
    (keywords || []).forEach(function (word) { chips.appendChild(el("span", "keyword", word)); });
    var list = $("panel-list");
    list.textContent = "";
    units.slice(0, LIST_SHOWN).forEach(function (u) { list.appendChild(hitItem(u)); });
    if (units.length > LIST_SHOWN) { list.appendChild(el("li", "muted", "and " + (units.length - LIST_SHOWN) + " more")); }
  }
  function hitItem(u) {
    var item = el("li", "hit");
    item.setAttribute("data-unit", String(u));
    item.tabIndex = 0;
    var head = el("div", "hit-title");
    head.appendChild(swatch(unitColor(u)));
    head.appendChild(document.createTextNode(A.title[D.article[u]] || "(untitled)"));
    item.appendChild(head);
    item.appendChild(el("div", "hit-text", shorten(D.text[u], 220)));
    item.appendChild(el("div", "muted", topicName(D.topic[u]) + (A.date[D.article[u]] ? " · " + A.date[D.article[u]] : "")));
    var scores = themeScoreText([u]);
    if (scores) { item.appendChild(el("div", "theme-scores", "themes: " + scores)); }
    return item;
  }
  function moreLikeThis(u) {
    var k = D.n_neighbours, like = [];
    for (var j = 0; j < k; j++) { var v = D.neighbours[u * k + j]; if (v >= 0) { like.push(v); } }
    highlight([u].concat(like));
    panel("More like this", k ? "The " + D.level + " you picked, then the " + like.length + " closest in meaning (embedding neighbours)." : "Neighbours were not computed for this report.", [u].concat(like));
    var read = el("button", "link-button", "read the whole article");
    read.type = "button";
    read.setAttribute("data-read-article", String(D.article[u]));
    $("panel-note").appendChild(read);
  }

  var lastQuery = "";
  function runSearch() {
    var query = $("search").value.trim();
    if (query === lastQuery) { return; }
    lastQuery = query;
    if (!query) { highlight([]); panel("Explore", "Search, or select points on the map, to list " + D.level + "s here.", []); return; }
    var hits = search(query).filter(function (u) { return mask[u]; });
    var articles = new Set(hits.map(function (u) { return D.article[u]; }));
    highlight(hits);
    // An article unit is its article: "50 articles in 50 articles" would say nothing.
    var inArticles = D.level === "article" ? "" : " in " + counted(articles.size, "article");
    panel("Search: " + query, counted(hits.length, D.level) + inArticles + " (ringed on the map)", hits);
  }

  // ---- filters ------------------------------------------------------------------------------
  function fillSelect(id, fieldId, options) {
    var select = $(id);
    options.forEach(function (option) {
      var node = el("option", null, option[1]);
      node.value = String(option[0]);
      select.appendChild(node);
    });
    if (fieldId && options.length > 1) { $(fieldId).hidden = false; }
  }
  fillSelect("filter-topic", null, D.topics.map(function (t) { return [t.id, topicName(t.id)]; }));
  if (themes) {
    fillSelect("filter-theme", "theme-field", themes.names.map(function (name, k) { return [k, name]; }).concat([[-1, "no theme"]]));
    $("color-field").hidden = false;
  }
  fillSelect("filter-source", "source-field", D.sources.map(function (s, k) { return [k, s || "(unknown)"]; }));
  fillSelect("filter-label", "label-field", D.labels.map(function (s, k) { return [k, s]; }));

  function chips() {
    var box = $("filter-chips");
    box.textContent = "";
    function chip(key, text) {
      var button = el("button", "chip-button", text + " ×");
      button.type = "button";
      button.setAttribute("data-clear", key);
      box.appendChild(button);
    }
    if (F.topic !== null) { chip("topic", "topic " + topicName(F.topic)); }
    if (F.subtopic !== null) { chip("subtopic", "subtopic " + shorten(subtopicName(F.topic, F.subtopic), 40)); }
    if (F.theme !== null) { chip("theme", "theme " + themeName(F.theme)); }
    if (F.source !== null) { chip("source", "source " + (D.sources[F.source] || "(unknown)")); }
    if (F.label !== null) { chip("label", "label " + D.labels[F.label]); }
    if (F.article !== null) { chip("article", "article " + shorten(A.title[F.article] || A.id[F.article], 40)); }
    if (F.dates !== null) { chip("dates", "dates " + D.dates.buckets[F.dates[0]] + " to " + D.dates.buckets[F.dates[1]]); }
    if (F.selection !== null) { chip("selection", "map selection"); }
  }

  /* The subtopic picker lists the chosen topic's subtopics; it shows only when there are two or more. */
  function fillSubtopics() {
    var select = $("filter-subtopic"), list = F.topic === null ? [] : (D.subtopics || {})[String(F.topic)] || [];
    select.textContent = "";
    select.appendChild(el("option", null, "all"));
    select.firstChild.value = "";
    list.forEach(function (sub, k) {
      var option = el("option", null, sub.label + (sub.event ? " (event, peak " + sub.event + ")" : ""));
      option.value = String(k);
      select.appendChild(option);
    });
    $("subtopic-field").hidden = list.length < 2;
  }
  function setFilter(key, value) {
    if (key === "topic" && value !== F.topic) { F.subtopic = null; }
    F[key] = value;
    if (key === "topic" || key === "subtopic") { fillSubtopics(); }
    ["topic", "subtopic", "theme", "source", "label"].forEach(function (name) {
      $("filter-" + name).value = F[name] === null ? "" : String(F[name]);
    });
    if (key === "selection" && value === null) { view.clearSelection(); }
    return update();
  }

  // ---- views that follow the selection --------------------------------------------------------
  var topicCards = document.querySelectorAll("article.topic[data-topic-id]");
  function update() {
    var shown = 0, perTopic = {};
    for (var u = 0; u < N; u++) {
      mask[u] = passes(u) ? 1 : 0;
      if (mask[u]) { shown++; perTopic[D.topic[u]] = (perTopic[D.topic[u]] || 0) + 1; }
    }
    var filtered = anyFilter();
    $("map-status").textContent = filtered ? "Showing " + shown + " of " + N + " " + D.level + "s" : "";
    chips();
    topicCards.forEach(function (card) {
      var count = perTopic[Number(card.getAttribute("data-topic-id"))] || 0;
      card.querySelector(".topic-selected").textContent = filtered ? " · " + count + " in the selection" : "";
      card.classList.toggle("dimmed", filtered && count === 0);
    });
    var labels = view.annotations.map(function (annotation) { return !filtered || (perTopic[annotation.meta] || 0) > 0; });
    var drawn = view.setColors(mapColors()).then(function () { return view.setLabelsVisible(labels); });
    drawKey();
    lastQuery = null;
    if ($("search").value.trim()) { runSearch(); }
    drawDates();
    drawTimeline();
    articleRows = null;
    page = 0;
    renderArticles();
    return drawn;
  }

  // ---- date histogram (brush to filter) and timeline -------------------------------------------
  var datesPlot = $("dates"), timeline = $("timeline");
  function countsByBucket(keyOf, useMask) {
    var counts = new Map();
    for (var u = 0; u < N; u++) {
      var bucket = bucketOfUnit[u];
      if (bucket < 0 || !(useMask ? mask[u] : passes(u, "dates"))) { continue; }
      var key = keyOf(u), row = counts.get(key);
      if (!row) { counts.set(key, row = new Array(D.dates.buckets.length).fill(0)); }
      row[bucket]++;
    }
    return counts;
  }
  /* Per key and period, the distinct articles of the selected units (an article's units share its period). */
  function articlesByBucket(keyOf) {
    var seen = new Map(), counts = new Map();
    for (var u = 0; u < N; u++) {
      var bucket = bucketOfUnit[u];
      if (bucket < 0 || !mask[u]) { continue; }
      var key = keyOf(u), marks = seen.get(key), row = counts.get(key);
      if (!row) { counts.set(key, row = new Array(D.dates.buckets.length).fill(0)); seen.set(key, marks = new Set()); }
      if (!marks.has(D.article[u])) { marks.add(D.article[u]); row[bucket]++; }
    }
    return counts;
  }
  var brush = null;
  function drawDates() {
    if (!D.dates) { return; }
    var counts = countsByBucket(function () { return 0; }, false).get(0) || new Array(D.dates.buckets.length).fill(0);
    if (!brush) {
      datesPlot.hidden = false;
      brush = TopicsDateBrush(datesPlot, D.dates.buckets, function (range) { setFilter("dates", range); });
    }
    brush.setCounts(counts);
  }
  var timelineScale = "units", timelineShown = false;
  /* The timeline is a plotly figure: drawn once it comes near the screen, then kept up to date. */
  function drawTimeline() {
    if (!D.dates || !timeline || !timelineShown) { return; }
    var byTheme = colorBy === "theme";
    var keyOf = function (u) { return byTheme ? themePrimary[u] : D.topic[u]; };
    var counts = countsByBucket(keyOf, true);
    var articles = articlesByBucket(keyOf);
    var asShare = timelineScale === "share";
    if (asShare) {
      // Each period's units add up to 1: a busy month no longer flattens the quiet ones.
      var totals = new Array(D.dates.buckets.length).fill(0);
      counts.forEach(function (row) { row.forEach(function (n, k) { totals[k] += n; }); });
      counts.forEach(function (row, key) { counts.set(key, row.map(function (n, k) { return totals[k] ? n / totals[k] : 0; })); });
    }
    var keys = byTheme ? [-1].concat(themes.names.map(function (_, k) { return k; })) : D.topics.map(function (t) { return t.id; });
    var traces = keys.filter(function (key) { return counts.has(key); }).map(function (key) {
      var name = byTheme ? themeName(key) : topicName(key);
      return {
        type: "bar", name: escapeHtml(shorten(name, 40)), x: D.dates.buckets, y: counts.get(key),
        marker: { color: byTheme ? (key >= 0 ? themes.colors[key] : themes.none_color) : topicById[key].color },
        // How many articles a bar stands on: one long article can fill a quiet period's share alone.
        customdata: articles.get(key),
        hovertemplate: escapeHtml(shorten(name, 40)) + (asShare ? "<br>%{x}: %{y:.0%}" : "<br>%{x}: %{y}") +
          (D.level === "paragraph" ? " from %{customdata} article(s)" : "") + "<extra></extra>"
      };
    });
    // Events: a dotted line at each peak date, labelled with the event (escaped: corpus text).
    var events = D.events || [];
    var shapes = events.map(function (e) {
      return { type: "line", xref: "x", yref: "paper", x0: e.date, x1: e.date, y0: 0, y1: 1, line: { dash: "dot", width: 1, color: "#555" } };
    });
    var annotations = events.map(function (e) {
      return { x: e.date, y: 1, xref: "x", yref: "paper", text: escapeHtml(shorten(e.label, 28)), showarrow: false,
               textangle: -90, xanchor: "right", yanchor: "top", font: { size: 10, color: "#333" } };
    });
    var layout = {
      barmode: "stack", height: 360, margin: { l: 50, r: 10, t: 10, b: 40 }, bargap: 0.15,
      xaxis: { type: "date", title: { text: "date (per " + D.dates.unit + ")" } },
      yaxis: asShare ? { title: { text: "share of the " + D.dates.unit + "'s " + D.level + "s" }, tickformat: ".0%" } : { title: { text: D.level + " units" } },
      legend: { orientation: "h", y: -0.2 }, shapes: shapes, annotations: annotations
    };
    return window.Plotly.react(timeline, traces, layout, TopicsFigures.config);
  }

  // ---- article table and reader --------------------------------------------------------------
  var sortKey = "date", sortDescending = true, page = 0, articleRows = null;
  function articleValue(art, key, counts) {
    if (key === "date") { return A.date[art] || ""; }
    if (key === "title") { return (A.title[art] || A.id[art]).toLowerCase(); }
    if (key === "source") { return (D.sources[A.source[art]] || "").toLowerCase(); }
    if (key === "units") { return counts[art]; }
    if (key === "topic") { return articleTopic[art]; }
    return themes ? themeName(articleTheme[art]).toLowerCase() : "";
  }
  function computeRows() {
    var counts = new Int32Array(NA);
    for (var u = 0; u < N; u++) { if (mask[u]) { counts[D.article[u]]++; } }
    var words = tokens($("article-filter").value);
    var rows = [];
    for (var art = 0; art < NA; art++) {
      if (!counts[art]) { continue; }
      if (words.length) {
        var haystack = [A.title[art], A.id[art], D.sources[A.source[art]], A.date[art] || "", topicName(articleTopic[art]), themes ? themeName(articleTheme[art]) : ""].join(" ").toLowerCase();
        if (!words.every(function (w) { return haystack.indexOf(w) >= 0; })) { continue; }
      }
      rows.push(art);
    }
    // Each row's key once, then a sort of plain pairs: 100,000 articles sort in a blink.
    var keyed = rows.map(function (art) { return [articleValue(art, sortKey, counts), art]; });
    keyed.sort(function (p, q) {
      var order = p[0] < q[0] ? -1 : p[0] > q[0] ? 1 : p[1] - q[1];
      return sortDescending ? -order : order;
    });
    return { rows: keyed.map(function (pair) { return pair[1]; }), counts: counts };
  }
  function renderArticles() {
    if (!articleRows) { articleRows = computeRows(); }
    var rows = articleRows.rows, counts = articleRows.counts;
    var pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    page = Math.min(Math.max(page, 0), pages - 1);
    var body = document.querySelector("#article-table tbody");
    body.textContent = "";
    rows.slice(page * PAGE_SIZE, (page + 1) * PAGE_SIZE).forEach(function (art) {
      var row = el("tr", "article-row");
      row.setAttribute("data-article", String(art));
      row.tabIndex = 0;
      row.appendChild(el("td", "date", A.date[art] || "–"));
      row.appendChild(el("td", "title", A.title[art] || A.id[art]));
      row.appendChild(el("td", "source", D.sources[A.source[art]] || ""));
      row.appendChild(el("td", "num", counts[art] + (counts[art] !== unitsOfArticle[art].length ? " of " + unitsOfArticle[art].length : "")));
      var topicCell = el("td", "topic");
      topicCell.appendChild(swatch(topicById[articleTopic[art]].color));
      topicCell.appendChild(document.createTextNode(shorten(topicName(articleTopic[art]), 40)));
      row.appendChild(topicCell);
      var themeCell = el("td", "theme-column");
      if (themes) {
        themeCell.appendChild(swatch(articleTheme[art] >= 0 ? themes.colors[articleTheme[art]] : themes.none_color));
        themeCell.appendChild(document.createTextNode(themeName(articleTheme[art])));
        var scores = themeScoreText(unitsOfArticle[art], NT);
        if (scores) { themeCell.title = "theme scores (0 to 100): " + scores; }
      }
      row.appendChild(themeCell);
      body.appendChild(row);
    });
    $("article-count").textContent = rows.length + " of " + NA + " articles";
    $("article-page").textContent = "page " + (page + 1) + " of " + pages;
    document.querySelectorAll("#article-table th[data-sort]").forEach(function (th) {
      var key = th.getAttribute("data-sort");
      th.setAttribute("aria-sort", key === sortKey ? (sortDescending ? "descending" : "ascending") : "none");
    });
  }
  function readArticle(art) {
    var reader = $("article-reader");
    reader.textContent = "";
    reader.hidden = false;
    var head = el("div", "reader-head");
    head.appendChild(el("h3", null, A.title[art] || A.id[art]));
    head.appendChild(el("p", "muted", [A.date[art] || "undated", D.sources[A.source[art]] || "", A.id[art]].filter(Boolean).join(" · ")));
    var scores = themeScoreText(unitsOfArticle[art], NT);
    if (scores) { head.appendChild(el("p", "theme-scores", "Theme scores of the article (mean over its " + D.level + "s, 0 to 100): " + scores)); }
    var show = el("button", "button", "show only this article");
    show.type = "button";
    show.setAttribute("data-filter-article", String(art));
    var close = el("button", "button", "close");
    close.type = "button";
    close.setAttribute("data-close-reader", "");
    head.appendChild(show);
    head.appendChild(close);
    reader.appendChild(head);
    unitsOfArticle[art].forEach(function (u) {
      var paragraph = el("div", "reader-unit");
      paragraph.setAttribute("data-unit", String(u));
      paragraph.style.setProperty("--unit-color", unitColor(u));
      var scores = themeScoreText([u]);
      var tag = el("span", "unit-topic", (colorBy === "theme" ? themeName(themePrimary[u]) : topicName(D.topic[u])) + (scores ? " · themes: " + scores : ""));
      paragraph.appendChild(tag);
      paragraph.appendChild(el("p", null, D.text[u]));
      reader.appendChild(paragraph);
    });
    highlight(unitsOfArticle[art]);
    reader.scrollIntoView({ block: "nearest" });
  }

  // ---- wiring --------------------------------------------------------------------------------
  function wire() {
    view.on("hover", function (u, event) { showTooltip(u, event); });
    view.on("unhover", function () { tooltip.hidden = true; });
    view.on("click", function (u) { moreLikeThis(u); });
    view.on("select", function (picked) {
      var chosen = new Uint8Array(N), units = [];
      picked.forEach(function (u) { if (!chosen[u]) { chosen[u] = 1; units.push(u); } });
      if (!units.length) { return; }
      setFilter("selection", chosen);
      var shown = units.filter(function (u) { return mask[u]; });
      panel("Selection", counted(shown.length, D.level) + " selected on the map; the words that set them apart:", shown, distinguishingWords(shown, 12));
    });
    view.on("deselect", function () { if (F.selection !== null) { setFilter("selection", null); } });
    wireKeys();

    var timer = null;
    $("search").addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(runSearch, 120); });
    $("search").addEventListener("keydown", function (event) { if (event.key === "Enter") { clearTimeout(timer); runSearch(); } });
    ["topic", "subtopic", "theme", "source", "label"].forEach(function (name) {
      $("filter-" + name).addEventListener("change", function (event) {
        setFilter(name, event.target.value === "" ? null : Number(event.target.value));
      });
    });
    if ($("timeline-scale")) {
      $("timeline-scale").addEventListener("change", function (event) { timelineScale = event.target.value; drawTimeline(); });
    }
    $("map-level").addEventListener("change", function (event) {
      mapLevel = event.target.value;
      map.setAttribute("data-level", mapLevel);
      update();
    });
    $("color-by").addEventListener("change", function (event) {
      colorBy = event.target.value;
      update();
    });
    $("show-all").addEventListener("click", function () {
      Object.keys(F).forEach(function (key) { F[key] = null; });
      fillSubtopics();
      $("search").value = "";
      if (brush) { brush.clear(); }
      setFilter("selection", null);
      highlight([]);
    });
    $("filter-chips").addEventListener("click", function (event) {
      var key = event.target.getAttribute("data-clear");
      if (!key) { return; }
      if (key === "dates" && brush) { brush.clear(); }
      setFilter(key, null);
    });
    document.querySelectorAll("[data-show-topic]").forEach(function (button) {
      button.addEventListener("click", function () {
        setFilter("topic", Number(button.getAttribute("data-show-topic")));
        map.scrollIntoView({ behavior: "smooth", block: "start" });
      });
    });
    document.querySelectorAll("[data-show-subtopic]").forEach(function (button) {
      button.addEventListener("click", function () {
        var parts = button.getAttribute("data-show-subtopic").split(".");
        F.topic = Number(parts[0]);
        setFilter("subtopic", Number(parts[1]));
        map.scrollIntoView({ behavior: "smooth", block: "start" });
      });
    });
    function pickUnit(event) {
      var item = event.target.closest("[data-unit]");
      var read = event.target.closest("[data-read-article]");
      if (read) { readArticle(Number(read.getAttribute("data-read-article"))); return; }
      if (item) { moreLikeThis(Number(item.getAttribute("data-unit"))); }
    }
    $("panel").addEventListener("click", pickUnit);
    $("panel").addEventListener("keydown", function (event) { if (event.key === "Enter") { pickUnit(event); } });

    document.querySelectorAll("#article-table th[data-sort] button").forEach(function (button) {
      button.addEventListener("click", function () {
        var key = button.parentNode.getAttribute("data-sort");
        sortDescending = key === sortKey ? !sortDescending : key === "date" || key === "units";
        sortKey = key;
        articleRows = null;
        renderArticles();
      });
    });
    var articleTimer = null;
    $("article-filter").addEventListener("input", function () {
      clearTimeout(articleTimer);
      articleTimer = setTimeout(function () { articleRows = null; page = 0; renderArticles(); }, 120);
    });
    $("article-pager").addEventListener("click", function (event) {
      var step = event.target.getAttribute("data-page");
      if (step) { page += Number(step); renderArticles(); }
    });
    var table = document.querySelector("#article-table tbody");
    function openRow(event) {
      var row = event.target.closest("tr[data-article]");
      if (row) { readArticle(Number(row.getAttribute("data-article"))); }
    }
    table.addEventListener("click", openRow);
    table.addEventListener("keydown", function (event) { if (event.key === "Enter") { openRow(event); } });
    $("article-reader").addEventListener("click", function (event) {
      var show = event.target.getAttribute("data-filter-article");
      if (show !== null) { setFilter("article", Number(show)); map.scrollIntoView({ block: "start" }); }
      if (event.target.hasAttribute("data-close-reader")) { $("article-reader").hidden = true; highlight([]); }
    });
    if (!themes) { document.querySelectorAll(".theme-column").forEach(function (node) { node.hidden = true; }); }
    // Both ways of searching, for checking that they agree.
    $("search").searchWith = {
      index: function (query) { ensureIndex(); return search(query); },
      scan: function (query) { return scan(tokens(query)); }
    };
    map.setAttribute("data-ready", "true");
    // Build the search index while the reader looks at the page, not on the first keystroke.
    setTimeout(indexInSlices, 50);
    if (D.dates && timeline) {
      TopicsFigures.whenNear(timeline, function () { timelineShown = true; drawTimeline(); });
    }
  }

  mark("tables");
  drawMap().then(function () {
    mark("map");
    drawKey();
    drawDates();
    drawTimeline();
    renderArticles();
    mark("views");
    wire();
    mark("ready");
  });
})();
