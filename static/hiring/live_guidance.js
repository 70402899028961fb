/* Live guidance on the posting's change form: while the recruiter types, the unsaved form
   is posted to the live analysis (debounced), and the server-rendered findings panel and
   chart are swapped in. Findings are placed beside the row or field they concern, and
   texts with flagged words get a marked-up preview under them. No inline script: the CSP
   stays strict. */
(function () {
    "use strict";
    var DELAY = 400;
    var panel = document.getElementById("posting-analysis");
    var form = document.getElementById("jobposting_form");
    if (!panel || !form || !panel.dataset.liveUrl) {
        return;
    }
    var status = document.getElementById("live-guidance-status");
    var timer = null;
    var sent = 0;

    function clearPlaced() {
        form.querySelectorAll(".placed-guidance").forEach(function (node) {
            node.remove();
        });
    }

    function holder(target) {
        var node = form.querySelector(target);
        if (!node) {
            return null;
        }
        if (node.tagName === "TR") {
            var next = node.nextElementSibling;
            if (next && next.classList.contains("placed-guidance")) {
                return next.firstElementChild;
            }
            var row = document.createElement("tr");
            row.className = "placed-guidance guidance-row";
            var cell = document.createElement("td");
            cell.colSpan = node.children.length;
            row.appendChild(cell);
            node.after(row);
            return cell;
        }
        var box = node.querySelector(":scope > .placed-guidance");
        if (!box) {
            box = document.createElement("div");
            box.className = "placed-guidance guidance-box";
            if (node.classList.contains("inline-group")) {
                node.prepend(box);
            } else {
                node.appendChild(box);
            }
        }
        return box;
    }

    function place(guidance) {
        clearPlaced();
        if (!guidance) {
            return;
        }
        guidance.querySelectorAll("[data-target]").forEach(function (item) {
            var into = holder(item.dataset.target);
            if (into) {
                into.appendChild(item.cloneNode(true));
            }
        });
    }

    function swap(html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.getElementById("posting-analysis-live");
        if (fresh) {
            panel.replaceChildren.apply(panel, Array.from(fresh.childNodes));
        }
        place(doc.getElementById("posting-guidance"));
        var counts = panel.querySelector(".findings-counts");
        if (status && counts) {
            status.textContent = counts.textContent;
        }
    }

    function formBody() {
        /* URL-encoded: parsing 400 multipart fields took longer than the analysis. */
        return new URLSearchParams(new FormData(form)).toString();
    }

    /* What the panel shows now: the saved form at first. Widgets that announce a change
       without one (select2 starting up) send nothing. */
    var shown = formBody();

    function analyse() {
        var body = formBody();
        if (body === shown) {
            return;
        }
        shown = body;
        var mine = ++sent;
        panel.setAttribute("aria-busy", "true");
        fetch(panel.dataset.liveUrl, {
            method: "POST",
            headers: {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Requested-With": "XMLHttpRequest"
            },
            body: body,
            credentials: "same-origin"
        }).then(function (response) {
            return response.ok ? response.text() : null;
        }).then(function (html) {
            if (html !== null && mine === sent) {
                swap(html);
            }
        }).catch(function () {
            /* The saved findings stay shown; the next edit tries again. */
        }).finally(function () {
            if (mine === sent) {
                panel.removeAttribute("aria-busy");
            }
        });
    }

    function schedule() {
        window.clearTimeout(timer);
        timer = window.setTimeout(analyse, DELAY);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    document.addEventListener("formset:added", schedule);
    document.addEventListener("formset:removed", schedule);
    if (window.django && window.django.jQuery) {
        /* select2 announces a picked skill through jQuery only. */
        window.django.jQuery(form).on("change", "select", schedule);
    }
    place(document.getElementById("posting-guidance"));
}());
