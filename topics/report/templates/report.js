/* Draws the report's fixed figures (topic hierarchy and similarity) and fits figures to print. */
(function () {
  "use strict";
  var specs = JSON.parse(document.getElementById("report-figures").textContent);
  var config = {
    responsive: true,
    displaylogo: false,
    modeBarButtonsToRemove: ["select2d", "lasso2d", "sendDataToCloud"],
    toImageButtonOptions: { format: "png", scale: 2, filename: "topics-figure" }
  };
  ["hierarchy", "similarity"].forEach(function (id) {
    var element = document.getElementById(id);
    if (element && specs[id]) { Plotly.newPlot(element, specs[id].data, specs[id].layout, config); }
  });

  // Printed pages are narrower than the screen: fit the figures to them.
  function resizeAll() {
    document.querySelectorAll(".plot").forEach(function (element) {
      if (element.data) { Plotly.Plots.resize(element); }
    });
  }
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) { details.open = true; });
    resizeAll();
  });
  window.addEventListener("afterprint", resizeAll);
})();
