/* The report's map on a canvas: pan, zoom, hover, click, box and lasso selection, a keyboard focus ring, no eval.
 *
 * Plotly's WebGL scatter compiles its shaders' drawing code at run time (new Function), which the
 * page's Content-Security-Policy forbids, SVG slows down past a few thousand points, and plotly.js
 * itself takes seconds to start; a 2-D canvas draws 100,000 squares in tens of milliseconds.
 * Small maps get round dots with a white rim, large ones squares.
 */
var TopicsCanvasMap = (function () {
  "use strict";
  var ROUND_UP_TO = 20000; // round dots up to this many points; squares (far cheaper) past it
  function CanvasMap(container, options) {
    var xs = options.xs, ys = options.ys, n = xs.length, size = options.size;
    var labels = options.labels; // [{x, y, lx, ly, text, color, visible}]
    var home = { x0: options.xRange[0], x1: options.xRange[1], y0: options.yRange[0], y1: options.yRange[1] };
    var view = { x0: home.x0, x1: home.x1, y0: home.y0, y1: home.y1 };
    var colors = [], groups = [], rings = [], handlers = {}, mode = "pan", focused = -1;
    var canvas = document.createElement("canvas");
    canvas.className = "map-canvas";
    canvas.setAttribute("aria-hidden", "true"); // mapkeys.js makes it a keyboard widget
    container.appendChild(canvas);
    // The keyboard's ring is an element over the canvas: moving it redraws no point.
    var ring = document.createElement("div");
    ring.className = "map-focus-ring";
    ring.hidden = true;
    container.appendChild(ring);
    var tools = document.createElement("div");
    tools.className = "map-tools";
    [["pan", "Pan"], ["select", "Box select"], ["lasso", "Lasso"], ["reset", "Reset view"], ["png", "PNG"]].forEach(function (tool) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = tool[1];
      button.setAttribute("data-map-tool", tool[0]);
      tools.appendChild(button);
    });
    container.appendChild(tools);
    var context = canvas.getContext("2d");
    var width = 0, height = 0, scale = 1;

    // A grid over the full extent, for finding the point under the cursor without scanning all.
    var GRID = 128, cells = new Map();
    var gx = GRID / ((home.x1 - home.x0) || 1), gy = GRID / ((home.y1 - home.y0) || 1);
    for (var i = 0; i < n; i++) {
      var key = Math.floor((xs[i] - home.x0) * gx) * 4096 + Math.floor((ys[i] - home.y0) * gy);
      var cell = cells.get(key);
      if (!cell) { cells.set(key, cell = []); }
      cell.push(i);
    }

    function px(x) { return (x - view.x0) / (view.x1 - view.x0) * width; }
    function py(y) { return height - (y - view.y0) / (view.y1 - view.y0) * height; }
    function dataX(p) { return view.x0 + p / width * (view.x1 - view.x0); }
    function dataY(p) { return view.y0 + (height - p) / height * (view.y1 - view.y0); }

    function resize() {
      var box = container.getBoundingClientRect();
      scale = window.devicePixelRatio || 1;
      width = Math.max(1, box.width);
      height = options.height;
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      canvas.style.width = width + "px";
      canvas.style.height = height + "px";
      draw();
    }
    var pending = false, box = null, lasso = null;
    function requestDraw() {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; draw(); });
    }
    function draw() {
      context.setTransform(scale, 0, 0, scale, 0, 0);
      context.fillStyle = "#fbfbfd";
      context.fillRect(0, 0, width, height);
      var half = size / 2, round = n <= ROUND_UP_TO;
      context.strokeStyle = "#ffffff";
      context.lineWidth = 0.6;
      groups.forEach(function (group) {
        context.fillStyle = group.color;
        var members = group.members;
        if (round) { context.beginPath(); }
        for (var k = 0; k < members.length; k++) {
          var u = members[k], x = px(xs[u]), y = py(ys[u]);
          if (x < -size || y < -size || x > width + size || y > height + size) { continue; }
          if (round) { context.moveTo(x + half, y); context.arc(x, y, half, 0, 2 * Math.PI); } else { context.fillRect(x - half, y - half, size, size); }
        }
        if (round) { context.fill(); context.stroke(); }
      });
      // Many hits: thin, tight rings, so the colours under them still show.
      var many = rings.length > 200;
      context.strokeStyle = many ? "rgba(17,24,39,0.55)" : "#111827";
      context.lineWidth = many ? 1 : 2;
      rings.forEach(function (u) {
        context.beginPath();
        context.arc(px(xs[u]), py(ys[u]), many ? size : size + 3, 0, 2 * Math.PI);
        context.stroke();
      });
      context.font = "600 12px system-ui, sans-serif";
      context.textBaseline = "middle";
      labels.forEach(function (label) {
        if (!label.visible) { return; }
        var tx = px(label.lx), ty = py(label.ly), w = context.measureText(label.text).width + 10;
        if (label.lx !== label.x || label.ly !== label.y) {
          context.strokeStyle = label.color;
          context.lineWidth = 1.2;
          context.beginPath();
          context.moveTo(px(label.x), py(label.y));
          context.lineTo(tx, ty);
          context.stroke();
        }
        context.fillStyle = "rgba(255,255,255,0.8)";
        context.fillRect(tx - w / 2, ty - 11, w, 22);
        context.strokeStyle = label.color;
        context.lineWidth = 1.5;
        context.strokeRect(tx - w / 2, ty - 11, w, 22);
        context.fillStyle = "#1d2330";
        context.fillText(label.text, tx - w / 2 + 5, ty);
      });
      if (lasso && lasso.length > 1) {
        context.fillStyle = "rgba(59,91,219,0.12)";
        context.strokeStyle = "#3b5bdb";
        context.lineWidth = 1;
        context.beginPath();
        lasso.forEach(function (p, k) { if (k) { context.lineTo(p[0], p[1]); } else { context.moveTo(p[0], p[1]); } });
        context.closePath();
        context.fill();
        context.stroke();
      }
      if (box) {
        context.fillStyle = "rgba(59,91,219,0.12)";
        context.strokeStyle = "#3b5bdb";
        context.lineWidth = 1;
        context.fillRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
        context.strokeRect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0);
      }
      drawRing();
    }
    /* The keyboard's point, ringed (report.css draws it in the accent colour on a white halo). */
    function drawRing() {
      var x = focused >= 0 ? px(xs[focused]) : -1, y = focused >= 0 ? py(ys[focused]) : -1;
      ring.hidden = focused < 0 || x < 0 || y < 0 || x > width || y > height;
      if (ring.hidden) { return; }
      var radius = size / 2 + 6;
      ring.style.width = ring.style.height = 2 * radius + "px";
      ring.style.left = x - radius + "px";
      ring.style.top = y - radius + "px";
    }
    function nearest(clientX, clientY) {
      var rect = canvas.getBoundingClientRect();
      var x = dataX(clientX - rect.left), y = dataY(clientY - rect.top);
      var radius = (size + 3) / width * (view.x1 - view.x0);
      var best = -1, bestDistance = Infinity;
      var cx0 = Math.floor((x - radius - home.x0) * gx), cx1 = Math.floor((x + radius - home.x0) * gx);
      var cy0 = Math.floor((y - radius - home.y0) * gy), cy1 = Math.floor((y + radius - home.y0) * gy);
      if ((cx1 - cx0 + 1) * (cy1 - cy0 + 1) > 4096) { return -1; }
      for (var cx = cx0; cx <= cx1; cx++) {
        for (var cy = cy0; cy <= cy1; cy++) {
          var members = cells.get(cx * 4096 + cy);
          if (!members) { continue; }
          for (var k = 0; k < members.length; k++) {
            var u = members[k], dx = xs[u] - x, dy = ys[u] - y, d = dx * dx + dy * dy;
            if (d < bestDistance) { bestDistance = d; best = u; }
          }
        }
      }
      return bestDistance <= radius * radius ? best : -1;
    }
    function emit(name, value, event) { (handlers[name] || []).forEach(function (handler) { handler(value, event); }); }

    var drag = null, hovered = -1;
    canvas.addEventListener("mousedown", function (event) {
      var rect = canvas.getBoundingClientRect();
      drag = { x: event.clientX - rect.left, y: event.clientY - rect.top, view: Object.assign({}, view), moved: false,
               select: mode === "select" || event.shiftKey, lasso: mode === "lasso" && !event.shiftKey };
      if (drag.lasso) { lasso = [[drag.x, drag.y]]; }
      event.preventDefault();
    });
    window.addEventListener("mousemove", function (event) {
      if (!drag) {
        if (event.target !== canvas) { return; }
        var u = nearest(event.clientX, event.clientY);
        if (u !== hovered) {
          hovered = u;
          if (u >= 0) { emit("hover", u, event); } else { emit("unhover"); }
        }
        return;
      }
      var rect = canvas.getBoundingClientRect();
      var x = event.clientX - rect.left, y = event.clientY - rect.top;
      if (Math.abs(x - drag.x) + Math.abs(y - drag.y) > 3) { drag.moved = true; }
      if (drag.lasso) {
        lasso.push([x, y]);
      } else if (drag.select) {
        box = { x0: Math.min(drag.x, x), y0: Math.min(drag.y, y), x1: Math.max(drag.x, x), y1: Math.max(drag.y, y) };
      } else {
        var dx = (x - drag.x) / width * (drag.view.x1 - drag.view.x0), dy = (y - drag.y) / height * (drag.view.y1 - drag.view.y0);
        view.x0 = drag.view.x0 - dx; view.x1 = drag.view.x1 - dx; view.y0 = drag.view.y0 + dy; view.y1 = drag.view.y1 + dy;
      }
      requestDraw();
    });
    window.addEventListener("mouseup", function (event) {
      if (!drag) { return; }
      var done = drag;
      drag = null;
      if (!done.moved) {
        box = null;
        lasso = null;
        var u = nearest(event.clientX, event.clientY);
        if (u >= 0) { emit("click", u, event); } else if (done.select || done.lasso) { emit("deselect"); }
        requestDraw();
        return;
      }
      if (done.select && box) {
        var x0 = dataX(box.x0), x1 = dataX(box.x1), y0 = dataY(box.y1), y1 = dataY(box.y0), chosen = [];
        for (var k = 0; k < n; k++) { if (xs[k] >= x0 && xs[k] <= x1 && ys[k] >= y0 && ys[k] <= y1) { chosen.push(k); } }
        box = null;
        requestDraw();
        emit("select", chosen);
      }
      if (done.lasso && lasso) {
        var inside = pointsInPolygon(lasso.map(function (p) { return [dataX(p[0]), dataY(p[1])]; }));
        lasso = null;
        requestDraw();
        emit("select", inside);
      }
    });
    /* Units inside a polygon (data coordinates): a bounding-box test, then even-odd ray casting. */
    function pointsInPolygon(polygon) {
      var chosen = [], m = polygon.length;
      if (m < 3) { return chosen; }
      var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
      polygon.forEach(function (p) { x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]); y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]); });
      for (var u = 0; u < n; u++) {
        var x = xs[u], y = ys[u];
        if (x < x0 || x > x1 || y < y0 || y > y1) { continue; }
        var inside = false;
        for (var a = 0, b = m - 1; a < m; b = a++) {
          var ya = polygon[a][1], yb = polygon[b][1];
          if ((ya > y) !== (yb > y) && x < (polygon[b][0] - polygon[a][0]) * (y - ya) / (yb - ya) + polygon[a][0]) { inside = !inside; }
        }
        if (inside) { chosen.push(u); }
      }
      return chosen;
    }
    function zoomAt(x, y, factor) {
      view.x0 = x + (view.x0 - x) * factor; view.x1 = x + (view.x1 - x) * factor;
      view.y0 = y + (view.y0 - y) * factor; view.y1 = y + (view.y1 - y) * factor;
      requestDraw();
    }
    canvas.addEventListener("wheel", function (event) {
      event.preventDefault();
      var rect = canvas.getBoundingClientRect();
      zoomAt(dataX(event.clientX - rect.left), dataY(event.clientY - rect.top), Math.exp(event.deltaY * 0.0015));
    }, { passive: false });
    canvas.addEventListener("mouseleave", function () { if (hovered >= 0) { hovered = -1; emit("unhover"); } });
    tools.addEventListener("click", function (event) {
      var tool = event.target.getAttribute("data-map-tool");
      if (tool === "reset") { Object.assign(view, home); requestDraw(); return; }
      if (tool === "png") { savePng(); return; }
      if (tool) {
        mode = tool;
        tools.querySelectorAll("button").forEach(function (b) { b.classList.toggle("active", b.getAttribute("data-map-tool") === mode); });
      }
    });
    tools.querySelector("[data-map-tool=pan]").classList.add("active");
    window.addEventListener("resize", resize);
    window.addEventListener("beforeprint", resize);

    function savePng() {
      canvas.toBlob(function (blob) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(blob);
        link.download = "topics-map.png";
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
      });
    }

    var api = {
      kind: "canvas",
      setColors: function (next) {
        colors = next;
        var byColor = new Map();
        for (var u = 0; u < n; u++) {
          var list = byColor.get(colors[u]);
          if (!list) { byColor.set(colors[u], list = []); }
          list.push(u);
        }
        // The most common colour (the greyed-out rest, when filtered) first, so selections sit on top.
        groups = Array.from(byColor, function (entry) { return { color: entry[0], members: entry[1] }; });
        groups.sort(function (a, b) { return b.members.length - a.members.length; });
        draw();
        return Promise.resolve();
      },
      setRings: function (units) { rings = units; requestDraw(); return Promise.resolve(); },
      setLabelsVisible: function (visible) { labels.forEach(function (label, k) { label.visible = visible[k]; }); requestDraw(); return Promise.resolve(); },
      clearSelection: function () { box = null; requestDraw(); },
      on: function (name, handler) { (handlers[name] = handlers[name] || []).push(handler); },
      colors: function () { return colors; },
      rings: function () { return rings; },
      labels: function () { return labels; },
      canvas: canvas,
      ring: ring,
      /* Rings unit ``u`` as the keyboard's point (-1: none), panning the view to it when it is off screen. */
      setFocus: function (u) {
        focused = u;
        var margin = size + 8;
        if (u >= 0 && (px(xs[u]) < margin || px(xs[u]) > width - margin || py(ys[u]) < margin || py(ys[u]) > height - margin)) {
          var dx = xs[u] - (view.x0 + view.x1) / 2, dy = ys[u] - (view.y0 + view.y1) / 2;
          view.x0 += dx; view.x1 += dx; view.y0 += dy; view.y1 += dy;
          requestDraw();
        }
        drawRing();
      },
      /* Zooms by ``factor`` (below 1: in) around unit ``u``. */
      zoomAround: function (u, factor) { zoomAt(xs[u], ys[u], factor); },
      /* Pixels per data unit along x and y: directions on the screen, for moving between points. */
      pixelScale: function () { return { x: width / (view.x1 - view.x0), y: height / (view.y1 - view.y0) }; },
      /* Where unit ``u`` is drawn, in the window's coordinates (for keyboard users' tools and tests). */
      clientPoint: function (u) {
        var rect = canvas.getBoundingClientRect();
        return { x: rect.left + px(xs[u]), y: rect.top + py(ys[u]) };
      }
    };
    container.topicsMap = api;
    resize();
    return api;
  }
  return CanvasMap;
})();
