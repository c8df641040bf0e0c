/* 搜索: the query box, facets that filter when clicked, hits with highlighted snippets, paging and
 * export. The URL's parameters are exactly /api/search's, so a facet link is a URL with one more
 * parameter and the export link is the same URL with format=csv. */
"use strict";

NB.views = NB.views || {};

(function () {

NB.FILTERS = ["year", "year_from", "year_to", "province", "city", "county", "admin_level", "template",
              "organization", "failed_checks"];
const SNIPPETS_PER_HIT = 2;
NB.SORT_LABELS = {relevance: "相关度", "-year": "年份（新→旧）", year: "年份（旧→新）", organization: "发布机关"};

NB.views.search = async function (params) {
  const result = await NB.api("/search", params);
  const page = Number(params.get("page") || 1);
  const size = Number(params.get("size") || 20);
  return NB.el("div", {class: "search-view"},
    searchForm(params),
    activeFilters(params),
    NB.el("div", {class: "search-body"},
      NB.el("aside", {class: "facets", "aria-label": "筛选"}, facetLists(result.facets, params), checksFacet(params)),
      NB.el("section", {class: "results"},
        NB.el("div", {class: "result-bar"},
          NB.el("span", {class: "total"}, `共 ${result.total.toLocaleString("zh-CN")} 份报告`),
          NB.el("span", {class: "exports"}, "下载：",
            NB.el("a", {href: "/api/search?" + NB.withParam(params, "format", "csv"), download: true}, "CSV"), " ",
            NB.el("a", {href: "/api/search?" + NB.withParam(params, "format", "jsonl"), download: true}, "JSONL"))),
        result.hits.length ? NB.el("ol", {class: "hits", start: (page - 1) * size + 1}, result.hits.map(hitItem))
          : NB.el("p", {class: "empty"}, "没有找到符合条件的报告。"),
        pager(params, page, size, result.total))));
};

function searchForm(params) {
  const input = NB.el("input", {type: "search", name: "q", value: params.get("q") || "", placeholder: "输入关键词，如：依申请公开 行政复议",
                                "aria-label": "关键词", autofocus: true});
  const sort = NB.el("select", {name: "sort", "aria-label": "排序"},
    Object.entries(NB.SORT_LABELS).map(([value, label]) =>
      NB.el("option", {value, selected: (params.get("sort") || "relevance") === value}, label)));
  return NB.el("form", {class: "search-form", role: "search", onsubmit: (event) => {
    event.preventDefault();
    let next = NB.withParam(params, "q", input.value.trim());
    next = NB.withParam(next, "sort", sort.value === "relevance" ? "" : sort.value);
    NB.go("/search?" + next);
  }}, input, sort, NB.el("button", {type: "submit"}, "搜索"));
}

function activeFilters(params) {
  const chosen = NB.FILTERS.filter((name) => params.get(name));
  if (!chosen.length) return null;
  return NB.el("div", {class: "active-filters"}, "已选：",
    chosen.map((name) => NB.link("/search", NB.withParam(params, name, ""),
      NB.el("span", {class: "chip", title: "取消这个条件"},
        `${NB.LABELS[name]}：${NB.valueLabel(name, params.get(name))} ✕`))));
}

function facetLists(facets, params) {
  return Object.entries(facets || {}).map(([name, counts]) => {
    const values = Object.entries(counts);
    if (!values.length) return null;
    return NB.el("section", {class: "facet", "data-facet": name},
      NB.el("h3", {}, NB.LABELS[name] || name),
      NB.el("ul", {}, values.map(([value, count]) => {
        const active = params.get(name) === value;
        const target = NB.withParam(params, name, active || value === "null" ? "" : value);
        return NB.el("li", {class: active ? "active" : null},
          value === "null" ? NB.el("span", {class: "unknown"}, NB.valueLabel(name, value))
            : NB.link("/search", target, NB.valueLabel(name, value)),
          NB.el("span", {class: "count"}, count.toLocaleString("zh-CN")));
      })));
  });
}

function checksFacet(params) {
  const current = params.get("failed_checks");
  return NB.el("section", {class: "facet", "data-facet": "failed_checks"},
    NB.el("h3", {}, NB.LABELS.failed_checks),
    NB.el("ul", {}, ["true", "false"].map((value) => NB.el("li", {class: current === value ? "active" : null},
      NB.link("/search", NB.withParam(params, "failed_checks", current === value ? "" : value),
              NB.valueLabel("failed_checks", value))))));
}

function hitItem(hit) {
  const failed = Array.isArray(hit.failed_checks) ? hit.failed_checks.length : Number(hit.failed_checks || 0);
  return NB.el("li", {class: "hit", "data-id": hit.id},
    NB.el("h2", {}, NB.el("a", {href: "/reports/" + encodeURIComponent(hit.id)}, hit.title || hit.organization || hit.id),
      failed ? NB.el("span", {class: "badge failed", title: "表格数据未通过一致性校验"}, `校验未通过 ${failed}`) : null),
    NB.el("p", {class: "meta"},
      NB.el("span", {class: "org"}, hit.organization || "（发布机关不明）"),
      NB.el("span", {class: "region"}, NB.regionText(hit.region) || "（地区不明）"),
      NB.el("span", {class: "year"}, hit.year ? `${hit.year} 年度` : "（年份不明）"),
      hit.admin_level ? NB.el("span", {class: "level"}, NB.valueLabel("admin_level", hit.admin_level)) : null),
    (hit.highlights || []).slice(0, SNIPPETS_PER_HIT).map((fragment) => NB.el("p", {class: "highlight"}, NB.highlighted(fragment))));
}

function pager(params, page, size, total) {
  const last = Math.max(1, Math.ceil(total / Math.max(size, 1)));
  if (last <= 1) return null;
  return NB.el("nav", {class: "pager", "aria-label": "分页"},
    page > 1 ? NB.link("/search", NB.withParam(params, "page", page - 1), "‹ 上一页") : NB.el("span", {}, "‹ 上一页"),
    NB.el("span", {class: "position"}, `第 ${page} / ${last} 页`),
    page < last ? NB.link("/search", NB.withParam(params, "page", page + 1), "下一页 ›") : NB.el("span", {}, "下一页 ›"));
}
})();
