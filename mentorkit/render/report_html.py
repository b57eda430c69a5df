"""The report as one self-contained HTML file: inline CSS, inline SVG charts, no scripts,
no fonts or images from anywhere, so it opens offline and prints cleanly (@media print).

Every piece of text from the program folder goes through html.escape.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from mentorkit.render.report_charts import ids, pair_charts, program_charts, svg
from mentorkit.render.report_sections import Report, Section, Table, layout
from mentorkit.services.monitoring.pair_report import PairReport
from mentorkit.services.monitoring.report_results import ProgramReport

CSS = """
:root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --good: #1b5e3a;
        --neutral: #7f93a8; --warn: #b3261e; --warn-tint: #fbeaea; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px; }
h1 { font-size: 1.6em; margin: 0 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.25em; border-bottom: 2px solid var(--line); padding-bottom: 4px;
     margin-top: 32px; }
h3 { font-size: 1em; color: var(--muted); margin: 18px 0 6px; }
.scope { color: var(--muted); margin: 0 0 16px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
.scroll { overflow-x: auto; max-width: 100%; margin: 6px 0 12px; }
table { border-collapse: collapse; width: 100%; font-size: 0.92em; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left;
         vertical-align: top; }
th { background: #f5f7fa; }
.scroll td:first-child { min-width: 9em; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.warn td { background: var(--warn-tint); }
td.flag { color: var(--warn); font-weight: 700; white-space: nowrap; }
.charts { display: flex; flex-wrap: wrap; gap: 8px 32px; }
figure.chart { margin: 8px 0; flex: 1 1 300px; max-width: 420px; }
figure.chart svg { display: block; width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 0.9em; }
svg text { font: 13px system-ui, sans-serif; fill: var(--ink); }
footer { color: var(--muted); font-size: 0.85em; margin-top: 32px; }
@media (max-width: 600px) {
  body { padding: 12px; }
  dl.facts { grid-template-columns: 1fr; gap: 0; }
  dl.facts dd { margin: 0 0 6px; }
}
@media print {
  @page { margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  /* a section's heading, key figures and charts stay on one page together */
  .lead { break-inside: avoid; page-break-inside: avoid; }
  figure.chart { max-width: 3.2in; break-inside: avoid; }
  .scroll { overflow: visible; }
  table { font-size: 8.5pt; }
  table.short { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; }
  thead { display: table-header-group; }
  th, td { padding: 2px 5px; }
  a { color: inherit; text-decoration: none; }
}
"""
FLAGS = {"AT RISK", "OVERDUE"}  # cells that mark a row as needing attention (warning tone)
SHORT_TABLE = 15  # rows a printed table keeps on one page; longer ones flow across pages


def html(report: Report) -> str:
    head, sub, sections = layout(report)
    charts = (program_charts(report) if isinstance(report, ProgramReport)
              else pair_charts(report) if isinstance(report, PairReport) else {})
    uids = ids()
    body = [f"<h1>{escape(head)}</h1>", f'<p class="scope">{escape(sub)}</p>']
    for section in sections:
        drawn = [svg(chart, next(uids)) for chart in charts.get(section.key, [])]
        body.append(_section(section, drawn, uids))
    body.append("<footer>Made by mentorkit. Program-level reports hold counts, dates and "
                "ratings, never the private text of session records.</footer>")
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(head)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def _section(section: Section, charts: list[str], uids: Iterator[str]) -> str:
    lead = [f"<h2>{escape(section.title)}</h2>"]
    if section.facts:
        lead.append('<dl class="facts">')
        for key, value in section.facts:
            lead.append(f"<dt>{escape(key)}</dt><dd>{escape(value)}</dd>")
        lead.append("</dl>")
    if charts:
        lead.append('<div class="charts">' + "".join(charts) + "</div>")
    parts = [f'<section id="{escape(section.key)}">', '<div class="lead">', *lead, "</div>"]
    for table in section.tables:
        parts.append(_table(table, section.title, next(uids)))
    parts.append("</section>")
    return "\n".join(parts)


def _table(table: Table, section_title: str, uid: str) -> str:
    """A table in a box that scrolls sideways on a narrow screen, not the page."""
    heading = (f'<h3 id="{uid}">{escape(table.title)}</h3>'
               if table.title != section_title else "")
    if not table.rows:
        return heading + "<p>None.</p>"
    head = "".join(
        f'<th class="num">{escape(h)}</th>' if i in table.numeric else f"<th>{escape(h)}</th>"
        for i, h in enumerate(table.headers)
    )
    rows = []
    for row in table.rows:
        flagged = any(c in FLAGS for c in row)
        cells = "".join(
            f'<td class="num">{escape(c)}</td>' if i in table.numeric
            else f'<td class="flag">{escape(c)}</td>' if c in FLAGS
            else f"<td>{escape(c)}</td>"
            for i, c in enumerate(row)
        )
        rows.append(f'<tr class="warn">{cells}</tr>' if flagged else f"<tr>{cells}</tr>")
    size = ' class="short"' if len(table.rows) <= SHORT_TABLE else ""
    return (f'{heading}<div class="scroll" role="region" tabindex="0" '
            f'aria-label="{escape(table.title)}"><table{size}><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table></div>")
