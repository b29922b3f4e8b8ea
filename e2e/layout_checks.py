"""Layout checks a browser test can run on any page, as it is now: each returns a list of
human-readable problems (empty when the page is fine), measured from the rendered page and its
computed styles, in one `page.evaluate` each (the focus check, two).

- `horizontal_overflow(page)`: the page is wider than the window, and which elements stick out;
- `clipped_text(page)`: an element whose text is cut (overflow hidden or an ellipsis, with more
  text than room);
- `scrolled_out_of_sight(page)`: a box that scrolls sideways (a wide table in its `.table-wrap`)
  with text past its edge: on a desktop the reader does not know to scroll (outside test F10, F11:
  the decisive « Conforme » column and a reason tag were out of sight at 1280 and 1920 px while
  no check failed, since a scrolling box is neither "cut" nor "wider than the page");
- `small_tap_targets(page)`: links, buttons and fields smaller than 44 × 44 CSS px (WCAG 2.5.5),
  links inside running text (a paragraph, a quotation, a caption, a label) excepted, not links in
  a list or a table cell; a tick box counted with its label when the label is next to it (around
  it or in the same parent, not a name in another cell); meant for phone widths;
- `contrast_failures(page)`: text below WCAG 2.1 AA contrast (4.5:1, 3:1 for large text), link-
  style buttons included, field borders below 3:1, and focus outlines below 3:1 against what
  surrounds them (every focusable element is focused in turn, then the focus is put back).

They only read the page (the focus check moves the focus and puts it back), so a crawl can call
them one after the other on every page it visits.
"""

from playwright.sync_api import Page

MIN_TARGET_PX = 44

# Shared JavaScript: how an element is named in a message, whether it is shown, colours.
_COMMON = r"""
const describe = (el) => {
  let name = el.tagName.toLowerCase();
  if (el.id) name += '#' + el.id;
  const classes = (typeof el.className === 'string' ? el.className : '').trim().split(/\s+/).filter(Boolean);
  if (classes.length) name += '.' + classes.slice(0, 3).join('.');
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim();
  return text ? `${name} « ${text.slice(0, 50)}${text.length > 50 ? '…' : ''} »` : name;
};
const shown = (el) => {
  if (!el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})) return false;
  const r = el.getBoundingClientRect();
  return r.width > 0 && r.height > 0;
};
// Read out of the page for screen readers only (a 1 px box, clipped): not seen, not checked.
const srOnly = (el) => {
  for (let e = el; e && e !== document.body; e = e.parentElement) {
    const s = getComputedStyle(e);
    const r = e.getBoundingClientRect();
    if ((r.width <= 2 || r.height <= 2) && (s.overflow === 'hidden' || s.clip !== 'auto' || s.clipPath !== 'none')) return true;
  }
  return false;
};
const parse = (value) => {
  const m = value.match(/rgba?\(([^)]+)\)/);
  if (!m) return null;
  const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
  return {r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1};
};
const over = (top, bottom) => ({
  r: top.r * top.a + bottom.r * (1 - top.a),
  g: top.g * top.a + bottom.g * (1 - top.a),
  b: top.b * top.a + bottom.b * (1 - top.a),
  a: 1,
});
// The colour painted behind an element: its own background and its ancestors', blended; null when
// an image or a gradient is behind it (no single colour to measure against).
const backdrop = (el) => {
  const layers = [];
  for (let e = el; e; e = e.parentElement) {
    const s = getComputedStyle(e);
    if (s.backgroundImage && s.backgroundImage !== 'none') return null;
    const c = parse(s.backgroundColor);
    if (c && c.a > 0) { layers.push(c); if (c.a >= 1) break; }
  }
  let colour = {r: 255, g: 255, b: 255, a: 1};
  for (let i = layers.length - 1; i >= 0; i--) colour = over(layers[i], colour);
  return colour;
};
const luminance = (c) => {
  const ch = [c.r, c.g, c.b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
};
const ratio = (a, b) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};
const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
const FOCUSABLE = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], [tabindex]:not([tabindex="-1"])';
"""

_OVERFLOW = (
    "() => {"
    + _COMMON
    + r"""
  const root = document.documentElement;
  const width = root.clientWidth;
  const extra = root.scrollWidth - width;
  if (extra <= 0) return [];
  // The outermost elements past the right edge that no scrolling box of their own contains.
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    // Text read out only (1 px, clipped) counts too: placed absolutely, it can widen the page.
    if (!shown(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.right <= width + 1) continue;
    let contained = false;
    // A box that scrolls or clips contains what it holds, except an absolutely placed element
    // whose containing block (its nearest positioned ancestor) is outside that box.
    let position = getComputedStyle(el).position;
    let escaping = position === 'absolute' || position === 'fixed';
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (culprits.includes(p)) { contained = true; break; }
      const s = getComputedStyle(p);
      if (escaping) {
        if (position === 'absolute' && s.position !== 'static') escaping = false;
        else continue;
      }
      if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) { contained = true; break; }
      if (s.position === 'absolute' || s.position === 'fixed') { escaping = true; position = s.position; }
    }
    if (!contained) culprits.push(el);
  }
  const named = culprits.slice(0, 5).map((el) => `${describe(el)} (right edge at ${Math.round(el.getBoundingClientRect().right)} px)`);
  return [`the page is ${extra} px wider than the window (${width} px)` + (named.length ? ': ' + named.join('; ') : '')];
}"""
)

_CLIPPED = (
    "() => {"
    + _COMMON
    + r"""
  const problems = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (['INPUT', 'TEXTAREA', 'SELECT', 'OPTION', 'svg', 'IMG', 'CANVAS', 'IFRAME', 'PRE'].includes(el.tagName)) continue;
    if (el.closest('svg')) continue;
    const s = getComputedStyle(el);
    const hidesX = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
    const hidesY = ['hidden', 'clip'].includes(s.overflowY);
    if (!hidesX && !hidesY) continue;
    if (!(el.innerText || '').trim() || !shown(el) || srOnly(el)) continue;
    const cutX = hidesX && el.scrollWidth > el.clientWidth + 1;
    const cutY = hidesY && el.scrollHeight > el.clientHeight + 1;
    if (cutX || cutY) {
      const by = cutX ? `${el.scrollWidth - el.clientWidth} px wide` : `${el.scrollHeight - el.clientHeight} px high`;
      problems.push(`${describe(el)}: text cut off (${by} hidden)`);
    }
  }
  return problems;
}"""
)

_SCROLLED = (
    "() => {"
    + _COMMON
    + r"""
  const problems = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (['PRE', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.closest('svg')) continue;
    const s = getComputedStyle(el);
    if (!['auto', 'scroll'].includes(s.overflowX)) continue;
    if (el.scrollWidth <= el.clientWidth + 1 || !shown(el) || srOnly(el)) continue;
    // Text past the right edge, not only padding or a border.
    const edge = el.getBoundingClientRect().right;
    const hidden = [...el.querySelectorAll('th, td, li, p, span, a, strong')]
      .filter((c) => c.getBoundingClientRect().left >= edge - 1 && (c.innerText || '').trim());
    if (!hidden.length) continue;
    const what = hidden.slice(0, 3).map((c) => c.innerText.replace(/\s+/g, ' ').trim().slice(0, 30));
    problems.push(`${describe(el)}: scrolls sideways, ${el.scrollWidth - el.clientWidth} px out of sight (${what.join(' | ')})`);
  }
  return problems;
}"""
)

_TARGETS = (
    "(minimum) => {"
    + _COMMON
    + r"""
  const problems = [];
  const blockOf = (el) => {
    for (let p = el.parentElement; p; p = p.parentElement) {
      const d = getComputedStyle(p).display;
      if (!d.startsWith('inline') && d !== 'contents') return p;
    }
    return document.body;
  };
  const words = (el) => (el.innerText || el.textContent || '').replace(/\s+/g, ' ').trim();
  for (const el of document.querySelectorAll(FOCUSABLE)) {
    if (el.matches('main, [role=region], .table-wrap, .skip-link') || el.disabled) continue;
    if (!shown(el) || srOnly(el)) continue;
    const s = getComputedStyle(el);
    // A link inside running text (WCAG 2.5.5's "inline" exception): a sentence of a paragraph, a
    // quotation, a caption or a label. A link in a list, a table cell, a card or a menu is a target
    // of its own even with words after it ("Camille Martin — coordinatrice"), and so is a link
    // drawn as a button (.btn).
    const prose = el.closest('p, blockquote, figcaption, label');
    if (el.tagName === 'A' && prose && s.display.startsWith('inline') && !el.classList.contains('btn')) {
      const own = words(el);
      const around = words(blockOf(el));
      if (around.length > own.length + 1) continue;
    }
    let box = el.getBoundingClientRect();
    let {left, top, right, bottom} = box;
    // A tick box or a radio button is pressed through its label too, when the label is next to
    // it (around it, or in the same parent): a name in another cell of a table row (stacked as a
    // card on a phone) is no help to a thumb aiming at the box (outside test F19: 24 px tick
    // boxes on the group composition page).
    for (const label of el.labels || []) {
      if (!shown(label)) continue;
      if (!(label.contains(el) || label.parentElement === el.parentElement)) continue;
      const r = label.getBoundingClientRect();
      left = Math.min(left, r.left); top = Math.min(top, r.top); right = Math.max(right, r.right); bottom = Math.max(bottom, r.bottom);
    }
    const w = right - left, h = bottom - top;
    if (w < minimum - 0.5 || h < minimum - 0.5) {
      problems.push(`${describe(el)}: ${Math.round(w)} × ${Math.round(h)} px, under ${minimum} × ${minimum}`);
    }
  }
  return problems;
}"""
)

_TEXT_CONTRAST = (
    "() => {"
    + _COMMON
    + r"""
  const problems = [];
  const seen = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const el = node.parentElement;
    if (!el || seen.has(el)) continue;
    seen.add(el);
    if (el.closest('svg, script, style, noscript, option, [disabled], [aria-disabled=true]')) continue;
    if (!shown(el) || srOnly(el)) continue;
    const s = getComputedStyle(el);
    const colour = parse(s.color);
    const behind = backdrop(el);
    if (!colour || !behind) continue;
    const size = parseFloat(s.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(s.fontWeight) >= 700);
    const needed = large ? 3 : 4.5;
    const got = ratio(over(colour, behind), behind);
    if (got < needed - 0.005) {
      const button = el.closest('button, [role=button], input[type=submit]');
      const linkStyle = button && (parse(getComputedStyle(button).backgroundColor) || {a: 0}).a === 0;
      const what = linkStyle ? 'link-style button' : 'text';
      problems.push(`${describe(el)}: ${what} ${hex(colour)} on ${hex(behind)} is ${got.toFixed(2)}:1, under ${needed}:1`);
    }
  }
  // Form fields: their border (or, without one, their filling) against the page, 3:1 (WCAG 1.4.11).
  for (const el of document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=submit]):not([type=button]), select, textarea')) {
    if (!shown(el) || srOnly(el) || el.disabled) continue;
    const s = getComputedStyle(el);
    const around = el.parentElement ? backdrop(el.parentElement) : null;
    if (!around) continue;
    const width = parseFloat(s.borderBottomWidth);
    const edge = width > 0 ? parse(s.borderBottomColor) : parse(s.backgroundColor);
    if (!edge) continue;
    const got = ratio(over(edge, around), around);
    if (got < 2.995) problems.push(`${describe(el)}: field edge ${hex(edge)} on ${hex(around)} is ${got.toFixed(2)}:1, under 3:1`);
  }
  return problems;
}"""
)

_FOCUS_CONTRAST = (
    "() => {"
    + _COMMON
    + r"""
  const problems = [];
  const before = window.__layoutFocusBefore || document.activeElement;
  delete window.__layoutFocusBefore;
  const x = window.scrollX, y = window.scrollY;
  let unchecked = 0;
  for (const el of document.querySelectorAll(FOCUSABLE)) {
    if (el.matches('main') || el.disabled || !shown(el) || srOnly(el)) continue;
    el.focus({preventScroll: true});
    if (document.activeElement !== el) continue;
    if (!el.matches(':focus-visible')) { unchecked++; continue; }
    const s = getComputedStyle(el);
    const width = parseFloat(s.outlineWidth);
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    if (s.outlineStyle === 'none' || width === 0) {
      if (!shadow) problems.push(`${describe(el)}: no visible focus indicator`);
      continue;
    }
    const colour = parse(s.outlineColor);
    // The outline is drawn outside the element (a non-negative offset): measured against what is
    // around it; inside (negative offset), against the element's own background.
    const around = parseFloat(s.outlineOffset) < 0 ? backdrop(el) : backdrop(el.parentElement || el);
    if (!colour || !around) continue;
    const got = ratio(over(colour, around), around);
    if (got < 2.995) problems.push(`${describe(el)}: focus outline ${hex(colour)} on ${hex(around)} is ${got.toFixed(2)}:1, under 3:1`);
  }
  if (before && before !== document.body && before.focus) before.focus({preventScroll: true});
  else if (document.activeElement) document.activeElement.blur();
  window.scrollTo(x, y);
  if (unchecked) problems.push(`${unchecked} focused element(s) did not take the keyboard focus style (:focus-visible): not measured`);
  return problems;
}"""
)


_TRUNCATED_CHOICES = (
    "() => {"
    + _COMMON
    + r"""
  // A closed list box shows its chosen option on one line, cut at its edge: measured with the
  // box's own font against the room inside its padding and arrow (outside test F20). A box that
  // app.js marks data-echo writes a cut choice out in full under it: there the chosen option must
  // be readable, in the box or in that line.
  const problems = [];
  const canvas = document.createElement('canvas').getContext('2d');
  for (const el of document.querySelectorAll('select:not([multiple])')) {
    if (!shown(el) || srOnly(el)) continue;
    const s = getComputedStyle(el);
    canvas.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
    const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - 20;
    const textOf = (option) => option.text.replace(/\s+/g, ' ').trim();
    const cut = (option) => canvas.measureText(textOf(option)).width > room + 0.5;
    if (el.hasAttribute('data-echo')) {
      const chosen = el.options[el.selectedIndex];
      if (!chosen || !cut(chosen)) continue;
      const echo = el.nextElementSibling;
      if (!(echo && echo.matches('.choice-full') && shown(echo) && echo.textContent === textOf(chosen))) {
        problems.push(`${describe(el)}: « ${textOf(chosen).slice(0, 60)} » chosen, cut at ${Math.round(room)} px and not written out`);
      }
      continue;
    }
    const long = Array.from(el.options).find(cut);
    if (long) problems.push(`${describe(el)}: « ${textOf(long).slice(0, 60)} » cut at ${Math.round(room)} px`);
  }
  return problems;
}"""
)


def horizontal_overflow(page: Page) -> list[str]:
    """The page scrolls sideways: by how much, and the outermost elements past the right edge."""
    return list(page.evaluate(_OVERFLOW))


def clipped_text(page: Page) -> list[str]:
    """Elements whose text is cut: overflow hidden (or an ellipsis) with more text than room."""
    return list(page.evaluate(_CLIPPED))


def scrolled_out_of_sight(page: Page) -> list[str]:
    """Boxes that scroll sideways with text past their edge (call it at desktop width, where a
    table must fit; on a phone tables become cards)."""
    return list(page.evaluate(_SCROLLED))


def truncated_choices(page: Page) -> list[str]:
    """List boxes (select) with an option longer than the box is wide: a long name is cut in
    the closed box on a phone (call it at phone width)."""
    return list(page.evaluate(_TRUNCATED_CHOICES))


def small_tap_targets(page: Page, minimum: int = MIN_TARGET_PX) -> list[str]:
    """Interactive elements smaller than `minimum` CSS px either way (call it at phone width).
    Links inside a sentence are exempt; a tick box or radio button counts with its label."""
    return list(page.evaluate(_TARGETS, minimum))


def contrast_failures(page: Page) -> list[str]:
    """Text under 4.5:1 (3:1 when large), link-style buttons included, field borders under 3:1,
    and keyboard focus outlines under 3:1 against their surroundings."""
    problems = list(page.evaluate(_TEXT_CONTRAST))
    # A Tab first, as a keyboard user would: focus moved by script then shows the keyboard focus
    # style (:focus-visible) even after a click; the focus goes back where it was afterwards.
    page.evaluate("() => { window.__layoutFocusBefore = document.activeElement; }")
    page.keyboard.press("Tab")
    problems += page.evaluate(_FOCUS_CONTRAST)
    return problems


def layout_problems(page: Page, *, phone: bool) -> list[str]:
    """All of the above for the page as it is now (tap targets at phone width only, boxes
    scrolled sideways at desktop width only)."""
    problems = horizontal_overflow(page) + clipped_text(page) + contrast_failures(page)
    if phone:
        problems += small_tap_targets(page)
    else:
        problems += scrolled_out_of_sight(page)
    return problems
