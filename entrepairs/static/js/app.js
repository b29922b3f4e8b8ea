// Behaviour that would otherwise sit in inline attributes, which the Content-Security-Policy forbids.
// A <select data-autosubmit> submits its form when changed (the language switcher).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
