/* Tables that are wider than the screen scroll sideways inside .kt-table-wrap. Such a scroll area must be
   reachable with the keyboard (WCAG 2.1.1): give it tabindex="0", role="region" and the table's caption as
   name — only while it actually scrolls, so wide screens get no extra tab stop. Progressive enhancement:
   without JavaScript the tables still scroll with mouse, touch and (in current browsers) the keyboard. */
(function () {
  "use strict";

  function tekstVan(el) { return el ? el.textContent.replace(/\s+/g, " ").trim() : ""; }

  function naam(wrap) {
    // The caption; else the heading of the section the table is in.
    var tekst = tekstVan(wrap.querySelector("caption"));
    if (!tekst) {
      var sectie = wrap.closest("section[aria-labelledby]");
      if (sectie) { tekst = tekstVan(document.getElementById(sectie.getAttribute("aria-labelledby"))); }
    }
    tekst = tekst ? "Tabel: " + tekst : "Tabel";
    // Region names must be unique on the page. Captions normally are (each plan goal has "Acties voor doel:
    // <goal>"); this is the fallback for two tables with the same caption, e.g. goals that begin alike.
    var n = 1, kandidaat = tekst;
    while (document.querySelector('[data-kt-scroll][aria-label="' + kandidaat.replace(/"/g, '\\"') + '"]')) {
      n += 1; kandidaat = tekst + " (" + n + ")";
    }
    return kandidaat;
  }

  function markeer(wrap) {
    var scrollt = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrollt && !wrap.hasAttribute("tabindex")) {
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", naam(wrap));
      wrap.setAttribute("data-kt-scroll", "");
    } else if (!scrollt && wrap.hasAttribute("data-kt-scroll")) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
      wrap.removeAttribute("data-kt-scroll");
    }
  }

  function alles() {
    var wraps = document.querySelectorAll(".kt-table-wrap");
    for (var i = 0; i < wraps.length; i++) { markeer(wraps[i]); }
  }

  var wacht;
  function later() { clearTimeout(wacht); wacht = setTimeout(alles, 150); }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", alles); } else { alles(); }
  window.addEventListener("resize", later);
  document.addEventListener("htmx:afterSettle", alles);
})();
