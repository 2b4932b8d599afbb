/* Error summary of a form (_form_errors.html, NL Design System / GOV.UK pattern).
   - On load the first summary on the page gets focus, so keyboard and screen-reader users start at the list
     of errors instead of somewhere above a long form.
   - The links are listed in the order the fields appear on the page.
   - A link moves focus to its field and scrolls the field's label (or the legend of a group of options) into
     view; a plain jump to the anchor would put the input at the top of the screen and hide its label.
   Progressive enhancement: without JavaScript the summary is at the top of the form and its links are
   ordinary in-page links. */
(function () {
  "use strict";

  function doelVan(link) {
    var href = link.getAttribute("href") || "";
    return href.charAt(0) === "#" ? document.getElementById(decodeURIComponent(href.slice(1))) : null;
  }

  function sorteer(overzicht) {
    var lijst = overzicht.querySelector(".kt-foutoverzicht__lijst");
    if (!lijst) { return; }
    var items = Array.prototype.slice.call(lijst.children);
    var plek = function (li) {
      var link = li.querySelector("a[href^='#']");
      return link ? doelVan(link) : null;
    };
    items.sort(function (a, b) {
      var x = plek(a), y = plek(b);
      if (!x || !y) { return (x ? 1 : 0) - (y ? 1 : 0); }  // errors without a field first
      if (x === y) { return 0; }
      return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    for (var i = 0; i < items.length; i++) { lijst.appendChild(items[i]); }
  }

  function kopVan(veld) {
    // A group of radio buttons or checkboxes: its legend; otherwise the form field with its label.
    if ((veld.type === "radio" || veld.type === "checkbox") && veld.name && veld.form) {
      var groep = veld.form.querySelectorAll('input[name="' + veld.name.replace(/"/g, '\\"') + '"]');
      var fieldset = veld.closest("fieldset");
      if (groep.length > 1 && fieldset) { return fieldset.querySelector("legend") || fieldset; }
    }
    return veld.closest(".utrecht-form-field, tr") || veld;
  }

  function naarVeld(event) {
    var link = event.target.closest(".kt-foutoverzicht a[href^='#']");
    if (!link) { return; }
    var veld = doelVan(link);
    if (!veld) { return; }
    event.preventDefault();
    for (var d = veld.closest("details"); d; d = d.parentElement && d.parentElement.closest("details")) { d.open = true; }
    kopVan(veld).scrollIntoView({ block: "start" });
    veld.focus({ preventScroll: true });
  }

  function start() {
    var overzichten = document.querySelectorAll("[data-kt-foutoverzicht]");
    for (var i = 0; i < overzichten.length; i++) { sorteer(overzichten[i]); }
    if (overzichten.length) { overzichten[0].focus(); }
  }

  document.addEventListener("click", naarVeld);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
