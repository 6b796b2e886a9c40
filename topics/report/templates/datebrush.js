/* The date histogram over the map: bars of units per period, drawn on a canvas; drag across it to
 * keep a range of periods, click it to let go. No plotly, so it is there as soon as the map is.
 */
var TopicsDateBrush = (function () {
  "use strict";
  var ON = "#3b5bdb", OFF = "#c5cbe0", AXIS = "#6b7280";
  var PAD = { left: 40, right: 10, top: 6, bottom: 22 };

  function DateBrush(container, buckets, onRange) {
    var canvas = document.createElement("canvas");
    canvas.className = "dates-canvas";
    canvas.setAttribute("aria-label", "Histogram of dates: drag across it to keep a range of dates");
    container.appendChild(canvas);
    var context = canvas.getContext("2d");
    var counts = buckets.map(function () { return 0; }), range = null, drag = null, width = 0, height = 0;

    function bucketAt(clientX) {
      var box = canvas.getBoundingClientRect();
      var inner = width - PAD.left - PAD.right;
      var k = Math.floor((clientX - box.left - PAD.left) / inner * buckets.length);
      return Math.max(0, Math.min(buckets.length - 1, k));
    }
    function draw() {
      var box = container.getBoundingClientRect(), scale = window.devicePixelRatio || 1;
      width = Math.max(1, box.width);
      height = Math.max(1, box.height);
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      canvas.style.width = width + "px";
      canvas.style.height = height + "px";
      context.setTransform(scale, 0, 0, scale, 0, 0);
      context.clearRect(0, 0, width, height);
      var top = Math.max.apply(null, counts.concat([1]));
      var inner = width - PAD.left - PAD.right, tall = height - PAD.top - PAD.bottom;
      var step = inner / buckets.length, gap = step > 4 ? step * 0.1 : 0;
      var shown = drag ? [Math.min(drag.from, drag.to), Math.max(drag.from, drag.to)] : range;
      counts.forEach(function (count, k) {
        var h = count / top * tall;
        context.fillStyle = shown === null || (k >= shown[0] && k <= shown[1]) ? ON : OFF;
        context.fillRect(PAD.left + k * step + gap / 2, PAD.top + tall - h, Math.max(1, step - gap), h);
      });
      context.fillStyle = AXIS;
      context.font = "11px system-ui, sans-serif";
      context.textBaseline = "middle";
      context.textAlign = "right";
      context.fillText(String(top), PAD.left - 6, PAD.top + 5);
      context.fillText("0", PAD.left - 6, PAD.top + tall);
      // Dates under the bars: as many as fit, evenly spaced.
      context.textBaseline = "top";
      context.textAlign = "center";
      var every = Math.max(1, Math.ceil(buckets.length / Math.max(1, Math.floor(inner / 80))));
      for (var k = 0; k < buckets.length; k += every) {
        context.fillText(buckets[k], PAD.left + (k + 0.5) * step, PAD.top + tall + 5);
      }
    }
    canvas.addEventListener("mousedown", function (event) {
      var k = bucketAt(event.clientX);
      drag = { from: k, to: k, x: event.clientX, moved: false };
      event.preventDefault();
    });
    window.addEventListener("mousemove", function (event) {
      if (!drag) { return; }
      if (Math.abs(event.clientX - drag.x) > 3) { drag.moved = true; }
      drag.to = bucketAt(event.clientX);
      draw();
    });
    window.addEventListener("mouseup", function () {
      if (!drag) { return; }
      var done = drag;
      drag = null;
      range = done.moved ? [Math.min(done.from, done.to), Math.max(done.from, done.to)] : null;
      draw();
      onRange(range);
    });
    canvas.addEventListener("mousemove", function (event) {
      var k = bucketAt(event.clientX);
      canvas.title = buckets[k] + ": " + counts[k];
    });
    window.addEventListener("resize", draw);

    return {
      setCounts: function (next) { counts = next; draw(); },
      clear: function () { range = null; draw(); },
      range: function () { return range; }
    };
  }
  return DateBrush;
})();
