/* Charts as inline SVG, drawn here: no library, no network, no build step.
 *
 * barChart: one horizontal bar per group (regions, levels, organizations: long Chinese names read
 * best on the left). lineChart: one point per year, joined in year order, a gap where a year has
 * no value (a missing report is not a zero). Both take [{label, value}] and a unit. */
"use strict";

NB.chart = (function () {
  const SVG = "http://www.w3.org/2000/svg";

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    return node;
  }

  /* Round axis ticks: 0, step, 2·step… up to at least `max`, with step 1, 2 or 5 × 10^k. */
  function ticks(max, wanted) {
    if (!(max > 0)) return [0, 1];
    const raw = max / wanted;
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw);
    const values = [];
    for (let v = 0; v < max + step / 2; v += step) values.push(Number(v.toPrecision(12)));
    if (values[values.length - 1] < max) values.push(values[values.length - 1] + step);
    return values;
  }

  function short(value) {
    const abs = Math.abs(value);
    if (abs >= 1e8) return (value / 1e8).toLocaleString("zh-CN", {maximumFractionDigits: 1}) + "亿";
    if (abs >= 1e4) return (value / 1e4).toLocaleString("zh-CN", {maximumFractionDigits: 1}) + "万";
    return value.toLocaleString("zh-CN", {maximumFractionDigits: 2});
  }

  function barChart(points, unit) {
    const shown = points.filter((p) => p.value !== null && p.value !== undefined);
    const labelWidth = 150, barArea = 480, rowHeight = 26, top = 28;
    const width = labelWidth + barArea + 90;
    const height = top + rowHeight * Math.max(shown.length, 1) + 10;
    const low = Math.min(0, ...shown.map((p) => p.value));
    const axis = ticks(Math.max(...shown.map((p) => p.value), 0) - low, 5);
    const span = axis[axis.length - 1] || 1;
    const x = (v) => labelWidth + ((v - low) / span) * barArea;
    const root = svg("svg", {viewBox: `0 0 ${width} ${height}`, class: "chart bar-chart", role: "img",
                             width: width, "aria-label": "柱状图"});
    for (const t of axis) {
      root.append(svg("line", {x1: x(t + low), x2: x(t + low), y1: top - 6, y2: height - 10, class: "grid"}));
      root.append(svg("text", {x: x(t + low), y: top - 10, class: "tick", "text-anchor": "middle"}, short(t + low)));
    }
    shown.forEach((point, i) => {
      const y = top + i * rowHeight;
      const start = x(Math.min(0, point.value)), end = x(Math.max(0, point.value));
      root.append(svg("text", {x: labelWidth - 8, y: y + rowHeight / 2 + 4, class: "label", "text-anchor": "end"},
                      point.label.length > 11 ? point.label.slice(0, 10) + "…" : point.label));
      const bar = svg("rect", {x: start, y: y + 4, width: Math.max(end - start, 1), height: rowHeight - 8, class: "bar"});
      bar.append(svg("title", {}, `${point.label}：${NB.number(point.value, unit)}`));
      root.append(bar);
      root.append(svg("text", {x: end + 6, y: y + rowHeight / 2 + 4, class: "value"}, NB.number(point.value, unit)));
    });
    return root;
  }

  function lineChart(points, unit) {
    const sorted = points.filter((p) => p.label !== "（未知）").slice().sort((a, b) => Number(a.label) - Number(b.label));
    const values = sorted.filter((p) => p.value !== null && p.value !== undefined).map((p) => p.value);
    const left = 70, right = 30, top = 24, bottom = 40, plotWidth = 620, plotHeight = 260, inset = 30;
    const width = left + plotWidth + right, height = top + plotHeight + bottom;
    const low = Math.min(0, ...values);
    const axis = ticks(Math.max(...values, 0) - low, 5);
    const span = axis[axis.length - 1] || 1;
    const step = sorted.length > 1 ? (plotWidth - 2 * inset) / (sorted.length - 1) : 0;
    const x = (i) => left + (sorted.length > 1 ? inset + i * step : plotWidth / 2);
    const y = (v) => top + plotHeight - ((v - low) / span) * plotHeight;
    const root = svg("svg", {viewBox: `0 0 ${width} ${height}`, class: "chart line-chart", role: "img",
                             width: width, "aria-label": "折线图"});
    for (const t of axis) {
      root.append(svg("line", {x1: left, x2: left + plotWidth, y1: y(t + low), y2: y(t + low), class: "grid"}));
      root.append(svg("text", {x: left - 8, y: y(t + low) + 4, class: "tick", "text-anchor": "end"}, short(t + low)));
    }
    let path = "";
    sorted.forEach((point, i) => {
      root.append(svg("text", {x: x(i), y: top + plotHeight + 22, class: "tick", "text-anchor": "middle"}, point.label));
      if (point.value === null || point.value === undefined) { path += " "; return; }
      path += (path.endsWith(" ") || path === "" ? "M" : "L") + `${x(i)},${y(point.value)}`;
    });
    const segments = path.split(" ").filter(Boolean).join(" ");
    if (segments) root.append(svg("path", {d: segments, class: "line"}));
    sorted.forEach((point, i) => {
      if (point.value === null || point.value === undefined) return;
      const dot = svg("circle", {cx: x(i), cy: y(point.value), r: 4.5, class: "dot"});
      dot.append(svg("title", {}, `${point.label} 年：${NB.number(point.value, unit)}`));
      root.append(dot);
      root.append(svg("text", {x: x(i), y: y(point.value) - 10, class: "value", "text-anchor": "middle"},
                      short(point.value)));
    });
    return root;
  }

  return {barChart, lineChart, ticks};
})();
