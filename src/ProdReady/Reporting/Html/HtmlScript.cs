namespace ProdReady.Reporting.Html;

/// <summary>
/// The page's one script: it only filters the controls table, reading the rows' data-* attributes. It holds no text
/// from the scan. Wrapped in a commented CDATA section so that the page also parses as XML.
/// </summary>
internal static class HtmlScript
{
    public const string Source = """

        //<![CDATA[
        (function () {
          "use strict";
          var form = document.getElementById("filters");
          var table = document.getElementById("controls");
          if (!form || !table) { return; }
          var rows = Array.prototype.slice.call(table.tBodies[0].rows);
          var shown = document.getElementById("shown");
          function value(id) { return document.getElementById(id).value; }
          function apply() {
            var status = value("filter-status"), priority = value("filter-priority"), category = value("filter-category");
            var text = value("filter-text").trim().toLowerCase();
            var count = 0;
            rows.forEach(function (row) {
              var match = (!status || row.dataset.status === status)
                && (!priority || row.dataset.priority === priority)
                && (!category || row.dataset.category === category)
                && (!text || row.textContent.toLowerCase().indexOf(text) !== -1);
              row.hidden = !match;
              if (match) { count += 1; }
            });
            shown.textContent = count + " of " + rows.length + " controls shown";
          }
          form.addEventListener("input", apply);
          form.addEventListener("change", apply);
          form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
          form.addEventListener("submit", function (event) { event.preventDefault(); });
          window.addEventListener("beforeprint", function () {
            document.querySelectorAll("details").forEach(function (details) { details.open = true; });
          });
          form.hidden = false;
          apply();
        })();
        //]]>

        """;
}
