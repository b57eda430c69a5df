"""The report as Markdown: headings, fact lists and pipe tables (every row)."""

from __future__ import annotations

from mentorkit.render.report_sections import Report, Section, layout


def markdown(report: Report) -> str:
    head, sub, sections = layout(report)
    lines = [f"# {_cell(head)}", "", f"_{_cell(sub)}_", ""]
    for section in sections:
        lines += _section(section)
    return "\n".join(lines).rstrip() + "\n"


def _section(section: Section) -> list[str]:
    lines = [f"## {section.title}", ""]
    for key, value in section.facts:
        lines.append(f"- **{_cell(key)}**: {_cell(value)}")
    if section.facts:
        lines.append("")
    for table in section.tables:
        if table.title != section.title:
            lines += [f"### {table.title}", ""]
        if not table.rows:
            lines += ["None.", ""]
            continue
        lines.append("| " + " | ".join(_cell(h) for h in table.headers) + " |")
        lines.append("|" + "|".join("---:" if i in table.numeric else "---"
                                    for i in range(len(table.headers))) + "|")
        for row in table.rows:
            lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
        lines.append("")
    return lines


def _cell(value: str) -> str:
    """Text that cannot break a table or start Markdown/HTML markup."""
    escaped = value.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")
    for mark in ("*", "_", "`", "[", "]"):
        escaped = escaped.replace(mark, "\\" + mark)
    return " ".join(escaped.split())
