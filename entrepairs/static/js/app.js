// Behaviour that would otherwise sit in inline attributes, which the Content-Security-Policy forbids.
// A <select data-autosubmit> submits its form when changed (the language switcher).
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});

// An element marked data-focus-on-load (a refusal shown next to the button that was pressed) is
// brought into view and focused when the page loads, so it is seen and read out at once.
// Failing that, a form's error summary (core/_form_fields.html) is: focus moves to it when a form
// comes back with errors, on a full page or in a part htmx swapped in.
function focusAttention(root) {
  var target = root.querySelector("[data-focus-on-load]") || root.querySelector(".error-summary");
  if (target) {
    if (!target.hasAttribute("tabindex")) {
      target.setAttribute("tabindex", "-1");
    }
    target.scrollIntoView({ block: "center" });
    target.focus({ preventScroll: true });
  }
}
document.addEventListener("DOMContentLoaded", function () {
  focusAttention(document);
});
document.addEventListener("htmx:afterSettle", function (event) {
  var root = event.detail && event.detail.elt;
  if (root instanceof Element) {
    focusAttention(root);
  }
});

// The header's menu (base.html) is a <details> that the CSS keeps open on a wide screen; a
// browser without ::details-content would keep it shut there, so it is opened for them.
document.addEventListener("DOMContentLoaded", function () {
  var menu = document.querySelector("details.menu");
  var supported = window.CSS && CSS.supports && CSS.supports("selector(::details-content)");
  if (menu && !supported && window.matchMedia("(min-width: 641px)").matches) {
    menu.open = true;
  }
});

// Tables become cards on a phone (app.css, `table.stack`): every body cell is given its column's
// name (data-label, shown before the value) and the table is marked `stack`; footer cells too. Cells the template
// already labelled keep their label; a table marked data-keep-table stays a table. Without
// script a table scrolls sideways in its .table-wrap instead. Run again on HTMX's new content.
function stackTables() {
  document.querySelectorAll("table").forEach(function (table) {
    if (table.hasAttribute("data-keep-table") || !table.tHead || !table.tHead.rows.length) {
      return;
    }
    var head = table.tHead.rows[table.tHead.rows.length - 1];
    var names = [];
    Array.prototype.forEach.call(head.cells, function (th) {
      var copy = th.cloneNode(true);
      copy.querySelectorAll(".visually-hidden").forEach(function (hidden) { hidden.remove(); });
      var name = copy.textContent.replace(/\s+/g, " ").trim();
      for (var i = 0; i < (th.colSpan || 1); i++) {
        names.push(name);
      }
    });
    // The footer's totals too: unlabelled, a totals row became a column of bare numbers on a
    // phone (outside test F7).
    var sections = Array.prototype.slice.call(table.tBodies);
    if (table.tFoot) {
      sections.push(table.tFoot);
    }
    sections.forEach(function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.cells, function (cell) {
          var name = names[column];
          if (name && cell.colSpan === 1 && !cell.hasAttribute("data-label")) {
            cell.setAttribute("data-label", name);
          }
          column += cell.colSpan || 1;
        });
      });
    });
    table.classList.add("stack");
  });
}
document.addEventListener("DOMContentLoaded", stackTables);
document.addEventListener("htmx:load", stackTables);

// A link alone in its paragraph or list line (not inside a sentence) is marked `standalone`: on a
// phone app.css makes it a 44 px target, as WCAG 2.5.5 asks of every target but links in text.
function markStandaloneLinks() {
  document.querySelectorAll("main a[href]:not(.standalone):not(.btn)").forEach(function (link) {
    if (getComputedStyle(link).display.indexOf("inline") !== 0) {
      return;
    }
    var block = link.parentElement;
    while (block && getComputedStyle(block).display.indexOf("inline") === 0) {
      block = block.parentElement;
    }
    var words = function (element) { return element.textContent.replace(/\s+/g, " ").trim(); };
    if (block && words(block) === words(link)) {
      link.classList.add("standalone");
    }
  });
}
document.addEventListener("DOMContentLoaded", markStandaloneLinks);
document.addEventListener("htmx:load", markStandaloneLinks);

// "Copy the key" on the two-factor set-up page: shown only when a script can copy; the key stays
// selectable text without it.
function copyButtons() {
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.getAttribute("data-secret") || source.textContent.replace(/\s+/g, "")).then(function () {
        var status = document.getElementById(button.id + "-status");
        if (!status) {
          status = document.createElement("span");
          status.id = button.id + "-status";
          status.setAttribute("role", "status");
          button.insertAdjacentElement("afterend", status);
        }
        status.textContent = " " + button.getAttribute("data-copied");
      });
    });
  });
}
document.addEventListener("DOMContentLoaded", copyButtons);

// A closed list box shows its chosen option on one line, cut at its edge on a phone (outside test
// F20: long names and labels cut in pickers). When the chosen text is wider than the box, it is
// written out in full under the box (aria-hidden: a screen reader reads the box's value already).
// e2e/layout_checks.py (truncated_choices) accepts a long option only in a box marked data-echo.
function echoLongChoices() {
  var canvas = document.createElement("canvas").getContext("2d");
  document.querySelectorAll("select:not([multiple])").forEach(function (select) {
    var update = function () {
      var style = getComputedStyle(select);
      canvas.font = style.fontStyle + " " + style.fontWeight + " " + style.fontSize + " " + style.fontFamily;
      var option = select.options[select.selectedIndex];
      var text = option ? option.text.replace(/\s+/g, " ").trim() : "";
      var room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      var echo = select.nextElementSibling;
      if (!(echo && echo.classList.contains("choice-full"))) {
        echo = null;
      }
      if (text && select.clientWidth > 0 && canvas.measureText(text).width > room) {
        if (!echo) {
          echo = document.createElement("span");
          echo.className = "choice-full";
          echo.setAttribute("aria-hidden", "true");
          select.insertAdjacentElement("afterend", echo);
        }
        echo.textContent = text;
        echo.hidden = false;
      } else if (echo) {
        echo.hidden = true;
      }
    };
    if (!select.hasAttribute("data-echo")) {
      select.setAttribute("data-echo", "");
      select.addEventListener("change", update);
    }
    update();
  });
}
document.addEventListener("DOMContentLoaded", echoLongChoices);
window.addEventListener("resize", echoLongChoices);
document.addEventListener("htmx:afterSettle", echoLongChoices);
