/* Plotly on demand, the report's fixed figures (topic hierarchy and similarity), and printing.
 *
 * plotly.js is 4.8 MB of script: parsing and starting it costs seconds of CPU on a slow machine.
 * The page ships it as inert text (<script type="text/plain" id="plotly-source">) and runs it only
 * when a plotly figure comes near the screen, so the map, search and filters are ready without it.
 * It runs as an inline script carrying this page's nonce: the Content-Security-Policy still allows
 * no eval and no network.
 */
var TopicsFigures = (function () {
  "use strict";
  var nonce = document.currentScript ? document.currentScript.nonce : "";
  var pending = [];
  var config = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "sendDataToCloud"],
    toImageButtonOptions: { format: "png", scale: 2, filename: "topics-figure" }
  };

  /* window.Plotly, running plotly.js first if it has not run yet. */
  function plotly() {
    if (!window.Plotly) {
      if (window.performance && performance.mark) { performance.mark("topics:plotly-start"); }
      var source = document.getElementById("plotly-source");
      var script = document.createElement("script");
      script.nonce = nonce;
      script.id = "plotly-js";
      script.textContent = source.textContent;
      document.body.appendChild(script); // an inline script runs as it is inserted
      if (window.performance && performance.mark) { performance.mark("topics:plotly-ready"); }
    }
    return window.Plotly;
  }

  /* Calls draw(Plotly) once ``element`` comes near the viewport (or the page prints). */
  function whenNear(element, draw) {
    var job = { element: element, draw: draw, done: false };
    function run() {
      if (job.done) { return; }
      job.done = true;
      draw(plotly());
    }
    job.run = run;
    pending.push(job);
    if (!("IntersectionObserver" in window)) { setTimeout(run, 0); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        setTimeout(run, 0); // out of the observer's callback, so a scroll is not held up
      }
    }, { rootMargin: "20% 0px" });
    observer.observe(element);
  }

  var specs = JSON.parse(document.getElementById("report-figures").textContent);
  ["hierarchy", "similarity"].forEach(function (id) {
    var element = document.getElementById(id);
    if (element && specs[id]) {
      whenNear(element, function (Plotly) { Plotly.newPlot(element, specs[id].data, specs[id].layout, config); });
    }
  });

  // Printed pages show every figure, fitted to the paper.
  function resizeAll() {
    if (!window.Plotly) { return; }
    document.querySelectorAll(".plot").forEach(function (element) {
      if (element.data) { window.Plotly.Plots.resize(element); }
    });
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) { details.open = true; });
    pending.forEach(function (job) { job.run(); });
    resizeAll();
  });
  window.addEventListener("afterprint", resizeAll);

  return { plotly: plotly, whenNear: whenNear, config: config };
})();
