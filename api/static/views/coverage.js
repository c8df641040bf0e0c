/* 发布情况: organizations × years for a region — a cell per year links to the report published for
 * it, an empty cell is a year without one. The parameters are /api/coverage's filters. */
"use strict";

NB.views = NB.views || {};

(function () {

NB.views.coverage = async function (params) {
  const [result, regions] = await Promise.all([NB.api("/coverage", params), NB.api("/regions")]);
  const csv = NB.withParam(params, "format", "csv");
  // A year the answer leaves out is one in which no organization here published: still a column.
  const first = Math.min(...result.years), last = Math.max(...result.years);
  const years = result.years.length ? Array.from({length: last - first + 1}, (_, i) => first + i) : [];
  const published = (year) => result.organizations.filter((o) => (o.years[String(year)] || []).length).length;
  return NB.el("div", {class: "coverage-view"},
    regionForm(params, regions),
    NB.el("p", {class: "summary"}, `${result.organizations.length} 个发布机关，${years.length} 个年度。`,
      NB.el("a", {href: "/api/coverage?" + csv, download: true}, "下载 CSV")),
    result.organizations.length ? NB.el("div", {class: "table-scroll"}, NB.el("table", {class: "grid coverage"},
      NB.el("thead", {}, NB.el("tr", {}, NB.el("th", {}, "发布机关"), NB.el("th", {}, "地区"),
        years.map((year) => NB.el("th", {}, String(year))))),
      NB.el("tbody", {}, result.organizations.map((row) => NB.el("tr", {},
        NB.el("th", {scope: "row"}, row.organization || "（发布机关不明）"),
        NB.el("td", {class: "region"}, NB.regionText(row.region)),
        years.map((year) => yearCell(row, year))))),
      NB.el("tfoot", {}, NB.el("tr", {}, NB.el("th", {colspan: 2}, "已发布"),
        years.map((year) => NB.el("td", {class: "num"}, `${published(year)} / ${result.organizations.length}`))))))
      : NB.el("p", {class: "empty"}, "所选地区没有报告。"));
};

function yearCell(row, year) {
  const ids = row.years[String(year)] || [];
  if (!ids.length) return NB.el("td", {class: "gap", title: `${year} 年度未找到报告`}, "—");
  return NB.el("td", {class: "published"}, ids.map((id, i) =>
    NB.el("a", {href: "/reports/" + encodeURIComponent(id), title: `${year} 年度报告`}, ids.length > 1 ? `✓${i + 1}` : "✓")));
}

function regionForm(params, regions) {
  const province = params.get("province");
  const city = params.get("city");
  const provinces = regions.filter((r) => r.name);
  const cities = (provinces.find((r) => r.name === province) || {children: []}).children || [];
  const counties = (cities.find((c) => c.name === city) || {children: []}).children || [];
  const select = (name, nodes, chosen) => NB.el("select", {name, "aria-label": NB.LABELS[name], onchange: (event) => {
    let next = NB.withParam(params, name, event.target.value);
    if (name === "province") next = NB.withParam(NB.withParam(next, "city", ""), "county", "");
    if (name === "city") next = NB.withParam(next, "county", "");
    NB.go("/coverage?" + next);
  }}, NB.el("option", {value: ""}, "全部"),
    nodes.filter((n) => n.name).map((n) => NB.el("option", {value: n.name, selected: n.name === chosen}, `${n.name}（${n.reports}）`)));
  const year = (name) => NB.el("input", {type: "number", name, min: 1990, max: 2100, value: params.get(name) || "",
                                         "aria-label": NB.LABELS[name], onchange: (event) =>
                                           NB.go("/coverage?" + NB.withParam(params, name, event.target.value))});
  return NB.el("form", {class: "region-form", onsubmit: (event) => event.preventDefault()},
    NB.el("label", {}, NB.LABELS.province, select("province", provinces, province)),
    province ? NB.el("label", {}, NB.LABELS.city, select("city", cities, city)) : null,
    city ? NB.el("label", {}, NB.LABELS.county, select("county", counties, params.get("county"))) : null,
    NB.el("label", {}, "年份", year("year_from"), "—", year("year_to")));
}

})();
