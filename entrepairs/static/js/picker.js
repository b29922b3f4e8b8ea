// The person picker (people/picker.py): an ARIA 1.2 combobox over a server-side search.
// Type to search (name, team, profession); Down/Up move through the matches, Enter or a click
// chooses, Escape closes; clearing the text clears the choice. A multiple choice (a <select
// multiple>) adds each chosen person to the list above the input, each with a button that removes
// them, and empties the input for the next search. No inline handler (the CSP).
(function () {
  "use strict";
  var DELAY = 200;

  function setup(box) {
    var input = box.querySelector(".picker-input");
    var select = box.querySelector("select");
    var list = box.querySelector(".picker-list");
    var status = box.querySelector(".picker-status");
    var chosenList = box.querySelector(".picker-chosen");
    var multiple = select.multiple;
    var timer = null;
    var active = -1;
    var items = [];
    var asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function removeChosen(li) {
      var option = select.querySelector('option[value="' + li.dataset.id + '"]');
      if (option) { select.removeChild(option); }
      status.textContent = li.textContent.replace("\u00d7", "").trim() + " \u2212";
      li.parentNode.removeChild(li);
      input.focus();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function add(item) {
      if (select.querySelector('option[value="' + item.id + '"]')) { input.value = ""; close(); return; }
      var option = document.createElement("option");
      option.value = item.id;
      option.textContent = item.label;
      option.selected = true;
      select.appendChild(option);
      var li = document.createElement("li");
      li.dataset.id = item.id;
      var name = document.createElement("span");
      name.textContent = item.label;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.className = "picker-remove";
      remove.setAttribute("aria-label", (box.dataset.removeText || "\u00d7") + " " + item.label);
      remove.textContent = "\u00d7";
      li.appendChild(name);
      li.appendChild(document.createTextNode(" "));
      li.appendChild(remove);
      chosenList.appendChild(li);
      status.textContent = item.label + " +";
      input.value = "";
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function choose(item) {
      if (multiple) {
        if (item) { add(item); }
        return;
      }
      select.innerHTML = "";
      var empty = document.createElement("option");
      empty.value = "";
      select.appendChild(empty);
      if (item) {
        var option = document.createElement("option");
        option.value = item.id;
        option.textContent = item.label;
        option.selected = true;
        select.appendChild(option);
      }
      input.value = item ? item.label : "";
      close();
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function highlight(index) {
      var nodes = list.querySelectorAll("[role=option]");
      nodes.forEach(function (node, i) {
        node.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0 && nodes[index]) {
        input.setAttribute("aria-activedescendant", nodes[index].id);
        nodes[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(data) {
      items = data.results;
      list.innerHTML = "";
      items.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = input.id + "_option_" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = item.label;
        li.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input
          choose(item);
        });
        list.appendChild(li);
      });
      if (!items.length) {
        var none = document.createElement("li");
        none.className = "picker-empty";
        none.textContent = box.dataset.emptyText || "";
        list.appendChild(none);
      }
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = items.length + (data.more ? "+" : "");
      highlight(items.length ? 0 : -1);
    }

    function ask() {
      var ticket = ++asked;
      var url = box.dataset.pickerUrl + "?q=" + encodeURIComponent(input.value) +
        "&context=" + encodeURIComponent(box.dataset.pickerContext || "");
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (ticket === asked) { show(data); } })
        .catch(function () { /* the next keystroke asks again */ });
    }

    input.addEventListener("input", function () {
      if (!input.value.trim()) {
        choose(null);
      }
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY);
    });
    input.addEventListener("focus", function () {
      if (!input.value) { ask(); }
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (list.hidden) { ask(); return; }
        highlight(Math.min(active + 1, items.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter") {
        if (!list.hidden && active >= 0) {
          event.preventDefault(); // choosing, not submitting the form
          choose(items[active]);
        }
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    if (chosenList) {
      chosenList.addEventListener("click", function (event) {
        var button = event.target.closest(".picker-remove");
        if (button) { removeChosen(button.closest("li")); }
      });
    }
  }

  function init(root) {
    root.querySelectorAll(".picker").forEach(function (box) {
      if (!box.dataset.pickerReady) {
        box.dataset.pickerReady = "1";
        setup(box);
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:load", function (event) { init(event.target); });
})();
