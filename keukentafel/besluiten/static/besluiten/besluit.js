/* Progressive disclosure in the besluiten forms (no inline script: the CSP forbids it).
   A form marked data-kt-voorwaardelijk holds blocks with data-kt-toon-als="naam=waarde1,waarde2;naam2=waarde".
   A block is shown only when every named field has one of the listed values (a checkbox counts as "aan" when
   checked). Without JavaScript every block stays visible and the server ignores what does not apply. */
(function () {
  "use strict";

  function waarde(form, naam) {
    var velden = form.querySelectorAll('[name="' + naam.replace(/"/g, '\\"') + '"]');
    for (var i = 0; i < velden.length; i++) {
      var veld = velden[i];
      if (veld.type === "radio") {
        if (veld.checked) { return veld.value; }
      } else if (veld.type === "checkbox") {
        return veld.checked ? "aan" : "";
      } else {
        return veld.value;
      }
    }
    return "";
  }

  function voldoet(form, voorwaarden) {
    return voorwaarden.split(";").every(function (voorwaarde) {
      var delen = voorwaarde.split("=");
      if (delen.length !== 2) { return true; }
      return delen[1].split(",").indexOf(waarde(form, delen[0].trim())) !== -1;
    });
  }

  function werkBij(form) {
    var blokken = form.querySelectorAll("[data-kt-toon-als]");
    for (var i = 0; i < blokken.length; i++) {
      blokken[i].hidden = !voldoet(form, blokken[i].getAttribute("data-kt-toon-als"));
    }
  }

  function start() {
    var formulieren = document.querySelectorAll("form[data-kt-voorwaardelijk]");
    for (var i = 0; i < formulieren.length; i++) { werkBij(formulieren[i]); }
  }

  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form && form.hasAttribute("data-kt-voorwaardelijk")) { werkBij(form); }
  });
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
