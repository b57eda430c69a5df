"""The report as one self-contained HTML file: inline CSS, inline SVG charts, no scripts,
no fonts or images from anywhere, so it opens offline and prints cleanly (@media print).

Every piece of text from the program folder goes through html.escape.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from mentorkit.render.report_sections import Section, layout, rating_label
from mentorkit.services.monitoring.pair_report import PairReport
from mentorkit.services.monitoring.report_results import ProgramReport

CSS = """
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9e2ec; --accent: #2f6f9f;
        --good: #3f8f5f; --warn: #c77d1a; --bad: #b83b3b; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; border-bottom: 2px solid var(--line); padding-bottom: 4px;
     margin-top: 32px; }
h3 { font-size: 1em; color: var(--muted); margin: 18px 0 6px; }
.scope { color: var(--muted); margin: 0 0 16px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 12px; font-size: 0.92em; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left;
         vertical-align: top; }
th { background: #f5f7fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.risk td { background: #fdf1f1; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
figure { margin: 8px 0; }
figcaption { color: var(--muted); font-size: 0.9em; }
svg text { font: 12px system-ui, sans-serif; fill: var(--ink); }
footer { color: var(--muted); font-size: 0.85em; margin-top: 32px; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section { break-inside: auto; }
  table, figure { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""

BAR_COLOURS = ["#2f6f9f", "#7aa6c2", "#3f8f5f", "#c77d1a", "#b83b3b", "#8a6fb0"]


def html(report: ProgramReport | PairReport) -> str:
    head, sub, sections = layout(report)
    charts = (_program_charts(report) if isinstance(report, ProgramReport)
              else _pair_charts(report))
    body = [f"<h1>{escape(head)}</h1>", f'<p class="scope">{escape(sub)}</p>']
    for section in sections:
        body.append(_section(section, charts.get(section.key, [])))
    body.append("<footer>Made by mentorkit. Program-level reports hold counts, dates and "
                "ratings, never the private text of session records.</footer>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(head)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _section(section: Section, charts: list[str]) -> str:
    parts = [f'<section id="{escape(section.key)}">', f"<h2>{escape(section.title)}</h2>"]
    if section.facts:
        parts.append('<dl class="facts">')
        for key, value in section.facts:
            parts.append(f"<dt>{escape(key)}</dt><dd>{escape(value)}</dd>")
        parts.append("</dl>")
    if charts:
        parts.append('<div class="charts">' + "".join(charts) + "</div>")
    for table in section.tables:
        if table.title != section.title:
            parts.append(f"<h3>{escape(table.title)}</h3>")
        if not table.rows:
            parts.append("<p>None.</p>")
            continue
        head = "".join(
            f'<th class="num">{escape(h)}</th>' if i in table.numeric else f"<th>{escape(h)}</th>"
            for i, h in enumerate(table.headers)
        )
        rows = []
        for row in table.rows:
            risk = ' class="risk"' if "AT RISK" in row else ""
            cells = "".join(
                f'<td class="num">{escape(c)}</td>' if i in table.numeric
                else f"<td>{escape(c)}</td>"
                for i, c in enumerate(row)
            )
            rows.append(f"<tr{risk}>{cells}</tr>")
        parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    parts.append("</section>")
    return "\n".join(parts)


def bar_chart(
    caption: str,
    items: list[tuple[str, float | None]],
    maximum: float | None = None,
    fmt: Callable[[float], str] = lambda v: f"{v:g}",
    colours: list[str] | None = None,
) -> str:
    """Horizontal bars as inline SVG, with a text label and value beside each bar."""
    label_w, bar_w, row_h, pad = 180, 260, 24, 6
    colours = colours or BAR_COLOURS
    values = [v for _, v in items if v is not None]
    top = maximum if maximum is not None else max(values, default=0) or 1
    height = row_h * len(items) + pad * 2
    width = label_w + bar_w + 70
    rows = []
    for i, (label, value) in enumerate(items):
        y = pad + i * row_h
        length = 0 if value is None else max(0.0, min(1.0, value / top)) * bar_w
        colour = colours[i % len(colours)]
        shown = "–" if value is None else fmt(value)
        rows.append(
            f'<text x="{label_w - 8}" y="{y + 16}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="{row_h - 8}" '
            f'fill="{colour}"/>'
            f'<text x="{label_w + length + 6:.1f}" y="{y + 16}">{escape(shown)}</text>'
        )
    return (
        f'<figure><svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(caption)}</title>'
        + "".join(rows)
        + f"</svg><figcaption>{escape(caption)}</figcaption></figure>"
    )


def _program_charts(report: ProgramReport) -> dict[str, list[str]]:
    eg, go, ev = report.engagement, report.goals, report.evaluation
    behind = eg.pairs_started - eg.pairs_on_cadence
    charts: dict[str, list[str]] = {
        "engagement": [
            bar_chart("Sessions held against the number the cadence expects so far",
                      [("held", eg.sessions_held), ("expected", eg.sessions_expected)]),
            bar_chart("Started pairs by meeting rhythm",
                      [("on cadence", eg.pairs_on_cadence), ("behind", behind),
                       ("at risk", len(eg.at_risk))]),
        ],
        "goals": [bar_chart("Goals by status", list(go.by_status.items()))],
        "evaluation": [
            bar_chart("Mean ratings (1–5)", [(rating_label(r.item), r.mean) for r in ev.ratings],
                      5, lambda v: f"{v:.2f}"),
            bar_chart(
                f"Net Promoter Score: {'–' if ev.nps is None else round(ev.nps)} "
                "(% promoters − % detractors)",
                [("promoters (9–10)", _share(ev.promoters, ev.recommend_responses)),
                 ("passives (7–8)", _share(ev.passives, ev.recommend_responses)),
                 ("detractors (0–6)", _share(ev.detractors, ev.recommend_responses))],
                100, lambda v: f"{v:.0f}%", ["#3f8f5f", "#9aa5b1", "#b83b3b"],
            ),
        ],
        "lifecycle": [bar_chart("Pairs by status", list(report.lifecycle.by_status.items()))],
    }
    return charts


def _pair_charts(report: PairReport) -> dict[str, list[str]]:
    r = report.row
    return {
        "pair": [bar_chart("Sessions held against the number the cadence expects so far",
                           [("held", r.sessions_held), ("expected", r.sessions_expected)])],
        "goals": [bar_chart("Progress per goal (%)",
                            [(g.id, g.progress) for g in report.goals], 100,
                            lambda v: f"{v:.0f}%")],
    }


def _share(part: int, whole: int) -> float | None:
    return 100 * part / whole if whole else None
