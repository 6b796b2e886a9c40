/* Draws the report's figures from the inlined JSON and wires topic isolation on the map. */
(function () {
  "use strict";
  var specs = JSON.parse(document.getElementById("report-figures").textContent);
  var config = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "sendDataToCloud"],
    toImageButtonOptions: { format: "png", scale: 2, filename: "topics-figure" }
  };
  function draw(id) {
    var element = document.getElementById(id);
    if (!element) { return Promise.resolve(null); }
    var spec = specs[id];
    return Plotly.newPlot(element, spec.data, spec.layout, config).then(function () {
      // Large maps are drawn with WebGL; where the browser cannot, draw them as SVG instead.
      if (element.querySelector(".no-webgl")) {
        spec.data.forEach(function (trace) {
          if (trace.type === "scattergl") { trace.type = "scatter"; }
        });
        Plotly.purge(element);
        return Plotly.newPlot(element, spec.data, spec.layout, config);
      }
      return element;
    });
  }
  var drawn = {};
  Object.keys(specs).forEach(function (id) { drawn[id] = draw(id); });

  var map = document.getElementById("map");
  var status = document.getElementById("map-status");
  var labelOf = {};
  document.querySelectorAll("#topic-list li").forEach(function (item) {
    labelOf[item.getAttribute("data-topic-id")] = item.querySelector(".topic-name").textContent;
  });

  // Topic labels on the map follow their topic's visibility (legend clicks included).
  function syncLabels() {
    var shown = {};
    map.data.forEach(function (trace) {
      shown[trace.meta] = trace.visible === undefined || trace.visible === true;
    });
    var update = {};
    (map.layout.annotations || []).forEach(function (annotation, index) {
      update["annotations[" + index + "].visible"] = shown[annotation.meta] !== false;
    });
    var hidden = map.data.filter(function (trace) { return trace.visible === "legendonly"; }).length;
    status.textContent = hidden ? (map.data.length - hidden) + " of " + map.data.length + " groups shown" : "";
    return Plotly.relayout(map, update);
  }

  function isolate(topicId) {
    var visible = map.data.map(function (trace) {
      return topicId === null || trace.meta === topicId ? true : "legendonly";
    });
    return Plotly.restyle(map, { visible: visible }).then(function () {
      syncLabels();
      if (topicId !== null) {
        status.textContent = "Showing topic " + topicId + ": " + (labelOf[String(topicId)] || "outliers");
      }
    });
  }

  function wireMap() {
    map.on("plotly_restyle", function () { syncLabels(); });
    map.on("plotly_click", function (event) {
      if (event.points && event.points.length) {
        isolate(event.points[0].data.meta);
      }
    });
    document.getElementById("show-all").addEventListener("click", function () { isolate(null); });
    document.querySelectorAll("[data-show-topic]").forEach(function (button) {
      button.addEventListener("click", function () {
        isolate(Number(button.getAttribute("data-show-topic")));
        map.scrollIntoView({ behavior: "smooth", block: "start" });
      });
    });
    map.setAttribute("data-ready", "true");
  }
  if (map && drawn.map) { drawn.map.then(wireMap); }

  // Printed pages are narrower than the screen: fit the figures to them.
  function resizeAll() {
    Object.keys(specs).forEach(function (id) {
      var element = document.getElementById(id);
      if (element && element.data) { Plotly.Plots.resize(element); }
    });
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) { details.open = true; });
    resizeAll();
  });
  window.addEventListener("afterprint", resizeAll);
})();
