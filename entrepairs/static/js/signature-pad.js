// Attendance signature pad (groups/sign.html): draw with a finger, pen or mouse on a canvas; the
// drawing is copied into a hidden input as a PNG data URL. No inline handler, no third-party code
// (Content-Security-Policy). Coordinates inside the canvas are pixels, never localised.
(function () {
  "use strict";

  function setUp(canvas) {
    var input = document.getElementById(canvas.getAttribute("data-signature-pad"));
    var drawRadio = document.getElementById(canvas.getAttribute("data-signature-mode"));
    var context = canvas.getContext("2d");
    var drawing = false;
    var inked = false;
    context.lineWidth = 3;
    context.lineCap = "round";
    context.lineJoin = "round";
    context.strokeStyle = "#111";

    function point(event) {
      var box = canvas.getBoundingClientRect();
      return {
        x: (event.clientX - box.left) * (canvas.width / box.width),
        y: (event.clientY - box.top) * (canvas.height / box.height)
      };
    }

    canvas.addEventListener("pointerdown", function (event) {
      event.preventDefault();
      drawing = true;
      canvas.setPointerCapture(event.pointerId);
      var p = point(event);
      context.beginPath();
      context.moveTo(p.x, p.y);
      context.lineTo(p.x + 0.1, p.y + 0.1);
      context.stroke();
      inked = true;
      if (drawRadio) { drawRadio.checked = true; }
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      event.preventDefault();
      var p = point(event);
      context.lineTo(p.x, p.y);
      context.stroke();
    });
    function finish() {
      if (!drawing) { return; }
      drawing = false;
      if (inked && input) { input.value = canvas.toDataURL("image/png"); }
    }
    canvas.addEventListener("pointerup", finish);
    canvas.addEventListener("pointercancel", finish);
    canvas.addEventListener("pointerleave", finish);

    var clear = document.querySelector('[data-signature-clear="' + canvas.id + '"]');
    if (clear) {
      clear.addEventListener("click", function () {
        context.clearRect(0, 0, canvas.width, canvas.height);
        inked = false;
        if (input) { input.value = ""; }
      });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var pads = document.querySelectorAll("canvas[data-signature-pad]");
    for (var i = 0; i < pads.length; i++) { setUp(pads[i]); }
  });
})();
