/* Plotly on demand, the report's fixed figures (topic hierarchy and similarity), and printing.
 *
 * plotly.js is 4.8 MB of script: parsing and starting it costs seconds of CPU on a slow machine.
 * The page ships it gzipped and base64-encoded as inert text (<script type="text/plain"
 * id="plotly-source">, 2 MB), unpacks it once the page is ready, and runs it only when a plotly
 * figure comes near the screen, so the map, search and filters are ready without it. It runs as an
 * inline script carrying this page's nonce: the Content-Security-Policy still allows no eval and
 * no network.
 */
var TopicsFigures = (function () {
  "use strict";
  var nonce = document.currentScript ? document.currentScript.nonce : "";
  var pending = [], source = null, unpacking = null;
  var config = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "sendDataToCloud"],
    toImageButtonOptions: { format: "png", scale: 2, filename: "topics-figure" }
  };
  function mark(name) { if (window.performance && performance.mark) { performance.mark("topics:" + name); } }

  /* plotly.js's text, unpacked from the page (a promise). */
  function unpack() {
    if (!unpacking) {
      var packed = atob(document.getElementById("plotly-source").textContent.trim());
      var bytes = new Uint8Array(packed.length);
      for (var k = 0; k < packed.length; k++) { bytes[k] = packed.charCodeAt(k); }
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      unpacking = new Response(stream).text().then(function (text) { source = text; return text; });
    }
    return unpacking;
  }
  /* window.Plotly, running plotly.js first if it has not run yet (its text must be unpacked). */
  function start() {
    if (!window.Plotly) {
      mark("plotly-start");
      var script = document.createElement("script");
      script.nonce = nonce;
      script.id = "plotly-js";
      script.textContent = source;
      document.body.appendChild(script); // an inline script runs as it is inserted
      mark("plotly-ready");
    }
    return window.Plotly;
  }
  function plotly() { return unpack().then(start); }

  /* Calls draw(Plotly) once ``element`` comes near the viewport (or the page prints). */
  function whenNear(element, draw) {
    var job = { element: element, draw: draw, done: false };
    function run() {
      if (job.done) { return; }
      job.done = true;
      draw(start());
    }
    job.run = run;
    pending.push(job);
    if (!("IntersectionObserver" in window)) { unpack().then(run); return; }
    var observer = new IntersectionObserver(function (entries) {
      if (entries.some(function (entry) { return entry.isIntersecting; })) {
        observer.disconnect();
        unpack().then(function () { setTimeout(run, 0); }); // out of the callback: a scroll is not held up
      }
    }, { rootMargin: "20% 0px" });
    observer.observe(element);
  }

  var specs = JSON.parse(document.getElementById("report-figures").textContent);
  ["hierarchy", "similarity"].forEach(function (id) {
    var element = document.getElementById(id);
    if (element && specs[id]) {
      // Keep the figure's room before plotly draws it, so drawing it later moves nothing below.
      element.style.minHeight = ((specs[id].layout && specs[id].layout.height) || 450) + "px";
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
    // Unpacked by now unless the page was printed at once; then the figures come a moment later.
    pending.forEach(function (job) { if (source !== null) { job.run(); } else { unpack().then(job.run); } });
    resizeAll();
  });
  window.addEventListener("afterprint", resizeAll);

  return { plotly: plotly, unpack: unpack, whenNear: whenNear, config: config };
})();
