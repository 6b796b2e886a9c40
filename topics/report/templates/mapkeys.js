/* The map from the keyboard: the canvas is one tab stop, and inside it
 *
 *   arrow keys          the nearest shown point that way on the screen
 *   Page Down / Up      the next / previous group the map shows (topic, subtopic or theme), at its most central point
 *   Home / End          the first / last topic
 *   + / −               zoom in / out around the point
 *   Enter or Space      what a click on the point opens
 *   Escape              closes the point's card and leaves the points (Tab moves on as ever)
 *
 * Every move rings the point and names it through a live region. Its words are corpus text: they
 * only ever reach the page through textContent. A move scans the points once (no index to build)
 * and redraws no point unless the view must follow: about a millisecond at 100,000 points.
 */
var TopicsMapKeys = (function () {
  "use strict";
  var DIRECTIONS = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  var ACROSS_WEIGHT = 2; // a point off to the side counts as twice as far as one straight ahead
  var ZOOM_STEP = 1.5;

  /* ``options``: xs, ys (data coordinates), live (the live region), help (the keys' description),
   * shown(u), weight(u) (how central a point is to its group), groupOf(u), groups() (ordered keys),
   * groupNoun(), describe(u) (plain text), showCard(u), hideCard(), open(u) (a click's action).
   * ``view`` is the canvas map (canvasmap.js). */
  function MapKeys(view, options) {
    var xs = options.xs, ys = options.ys, n = xs.length;
    var canvas = view.canvas, current = -1, last = -1;
    canvas.tabIndex = 0;
    canvas.removeAttribute("aria-hidden");
    // "application": screen readers hand the arrow keys to the map instead of reading the page with them.
    canvas.setAttribute("role", "application");
    canvas.setAttribute("aria-roledescription", "map");
    if (options.help) { canvas.setAttribute("aria-describedby", options.help.id); }

    function say(text) { options.live.textContent = text; }
    function go(u) {
      current = last = u;
      view.setFocus(u);
      canvas.setAttribute("data-focused", String(u));
      options.showCard(u);
      say(options.describe(u));
    }
    /* The shown point of ``key``'s group that weighs most (the first such, on ties); -1 if none. */
    function groupStart(key) {
      var best = -1;
      for (var u = 0; u < n; u++) {
        if (options.groupOf(u) === key && options.shown(u) && (best < 0 || options.weight(u) > options.weight(best))) { best = u; }
      }
      return best;
    }
    /* The point to start ``key`` ("Home", "End", "PageUp", "PageDown") at: a group's start, empty groups skipped. */
    function stepGroup(key) {
      var keys = options.groups(), by = key === "PageUp" || key === "End" ? -1 : 1;
      var k = key === "Home" ? 0 : key === "End" ? keys.length - 1 : keys.indexOf(options.groupOf(current)) + by;
      for (; k >= 0 && k < keys.length; k += by) {
        var u = groupStart(keys[k]);
        if (u >= 0) { return u; }
      }
      return -1;
    }
    /* The nearest shown point from ``u`` in direction ``d`` on the screen; points on the same spot go by their order. */
    function nearestToward(u, d) {
      var scale = view.pixelScale(), best = -1, bestScore = Infinity, order = d[0] + d[1];
      for (var v = 0; v < n; v++) {
        if (v === u || !options.shown(v)) { continue; }
        var dx = (xs[v] - xs[u]) * scale.x, dy = (ys[u] - ys[v]) * scale.y; // screen y grows downwards
        var along = dx * d[0] + dy * d[1], across = Math.abs(dx * d[1] - dy * d[0]);
        var score = along + ACROSS_WEIGHT * across;
        if (along === 0 && across === 0) {
          if ((v - u) * order < 0) { continue; }
          score = Math.abs(v - u) * 1e-9;
        } else if (along <= 0) { continue; }
        if (score < bestScore) { bestScore = score; best = v; }
      }
      return best;
    }
    function start() {
      var u = last >= 0 && options.shown(last) ? last : stepGroup("Home");
      if (u >= 0) { go(u); } else { say("No points are shown: clear the filters to see them."); }
    }
    function leave() {
      current = -1;
      view.setFocus(-1);
      canvas.removeAttribute("data-focused");
      options.hideCard();
    }

    canvas.addEventListener("focus", start);
    canvas.addEventListener("blur", leave);
    canvas.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey) { return; }
      var key = event.key, next = -1;
      if (key === "Escape") {
        if (current < 0) { return; }
        leave();
        say("Left the points of the map. Arrow keys come back; Tab moves on.");
      } else if (current < 0) {
        if (!(key in DIRECTIONS) && key !== "Enter" && key !== " ") { return; }
        start();
      } else if (key in DIRECTIONS) {
        next = nearestToward(current, DIRECTIONS[key]);
        if (next >= 0) { go(next); } else { say("No point further that way."); }
      } else if (key === "PageDown" || key === "PageUp" || key === "Home" || key === "End") {
        next = stepGroup(key);
        if (next >= 0) { go(next); } else { say("This is the " + (key === "PageDown" ? "last " : "first ") + options.groupNoun() + "."); }
      } else if (key === "Enter" || key === " ") {
        options.open(current);
      } else if (key === "+" || key === "=" || key === "-") {
        view.zoomAround(current, key === "-" ? ZOOM_STEP : 1 / ZOOM_STEP);
        go(current);
      } else {
        return;
      }
      event.preventDefault(); // the page does not scroll under the map's own keys
    });
  }
  return MapKeys;
})();
