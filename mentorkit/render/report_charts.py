"""The HTML report's charts: what each shows (bars with a meaning), and each as inline SVG.

Colour carries meaning and only that: one warning tone (at risk, overdue, detractors),
one good tone (on cadence, achieved, done, completed, promoters), neutral otherwise.
A chart never depends on its colours alone: every bar has its label and number in text,
warning bars are also hatched (so they read in greyscale), and the SVG is an image with
a title and a description holding every number (so it reads to a screen reader).

A chart that breaks something down names its total, and its bars are exclusive and add
up to it; tests/test_report_charts.py holds every chart to that.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import escape
from typing import Literal

from mentorkit.render.report_sections import rating_label
from mentorkit.render.words import plural
from mentorkit.services.monitoring.pair_report import PairReport
from mentorkit.services.monitoring.report_results import PairRow, ProgramReport
from mentorkit.vocab import GoalStatus, RelationshipStatus

Tone = Literal["good", "neutral", "warn"]
TONES: dict[Tone, str] = {"good": "#1b5e3a", "neutral": "#7f93a8", "warn": "#b3261e"}
GOOD_STATES = {GoalStatus.ACHIEVED.value, RelationshipStatus.COMPLETED.value}


@dataclass
class Bar:
    label: str
    value: float | None
    tone: Tone = "neutral"
    shown: str | None = None  # the number as printed beside the bar (default: the value)


@dataclass
class Chart:
    caption: str
    bars: list[Bar]
    total: int | None = None  # a breakdown's whole: its bars add up to this
    maximum: float | None = None  # the scale's end (default: the largest bar)
    fmt: Callable[[float], str] = lambda v: f"{v:g}"

    def shown(self, bar: Bar) -> str:
        if bar.shown is not None:
            return bar.shown
        return "–" if bar.value is None else self.fmt(bar.value)


def breakdown(caption: str, noun: str, parts: list[Bar]) -> Chart:
    """A chart of exclusive categories; its caption names their sum."""
    total = int(sum(b.value or 0 for b in parts))
    return Chart(f"{caption} ({total} {noun})", parts, total=total)


# -- what the charts show ----------------------------------------------------------------
def rhythm(rows: list[PairRow]) -> list[Bar]:
    """Started pairs, each in exactly one place: at risk wins over behind."""
    started = [r for r in rows if r.on_cadence is not None]
    at_risk = sum(r.at_risk for r in started)
    on = sum(bool(r.on_cadence) and not r.at_risk for r in started)
    return [Bar("on cadence", on, "good"), Bar("behind, not at risk", len(started) - on - at_risk),
            Bar("at risk", at_risk, "warn")]


def _states(counts: dict[str, int]) -> list[Bar]:
    return [Bar(k, v, "good" if k in GOOD_STATES else "neutral") for k, v in counts.items()]


def program_charts(report: ProgramReport) -> dict[str, list[Chart]]:
    eg, go, ev, lc = report.engagement, report.goals, report.evaluation, report.lifecycle
    on_time = max(0, go.actions_open - go.actions_overdue)
    replies = ev.recommend_responses

    def share(n: int) -> str:
        return f"{n} ({100 * n / replies:.0f}%)" if replies else str(n)

    return {
        "engagement": [
            Chart("Sessions held and the number the cadence expects so far",
                  [Bar("held", eg.sessions_held), Bar("expected", eg.sessions_expected)]),
            breakdown("Started pairs by meeting rhythm", "pairs", rhythm(eg.pairs)),
        ],
        "goals": [
            breakdown("Goals by status", "goals", _states(go.by_status)),
            breakdown("Actions by state", "actions", [
                Bar("done", go.actions_done, "good"), Bar("open, on time", on_time),
                Bar("overdue", go.actions_overdue, "warn"),
                Bar("cancelled", go.actions_cancelled)]),
        ],
        "evaluation": [
            Chart("Mean ratings (1–5)", [Bar(rating_label(r.item), r.mean) for r in ev.ratings],
                  maximum=5, fmt=lambda v: f"{v:.2f}"),
            Chart(f"Would recommend: Net Promoter Score "
                  f"{'–' if ev.nps is None else round(ev.nps)} = % promoters − % detractors "
                  f"({plural(replies, 'answer')})",
                  [Bar("promoters (9–10)", ev.promoters, "good", share(ev.promoters)),
                   Bar("passives (7–8)", ev.passives, "neutral", share(ev.passives)),
                   Bar("detractors (0–6)", ev.detractors, "warn", share(ev.detractors))],
                  total=replies),
        ],
        "lifecycle": [breakdown("Pairs by status", "pairs", _states(lc.by_status))],
    }


def pair_charts(report: PairReport) -> dict[str, list[Chart]]:
    r = report.row
    return {
        "pair": [Chart("Sessions held and the number the cadence expects so far",
                       [Bar("held", r.sessions_held), Bar("expected", r.sessions_expected)])],
        "goals": [Chart("Progress per goal (%)",
                        [Bar(f"{g.id} ({g.status})", g.progress,
                             "good" if g.status in GOOD_STATES else "neutral")
                         for g in report.goals],
                        maximum=100, fmt=lambda v: f"{v:.0f}%")],
    }


# -- drawing -----------------------------------------------------------------------------
WIDTH, ROW, TOP = 360, 38, 6  # viewBox units; the SVG scales to its box (width 100%)
VALUE_ROOM = 78  # right of the longest bar, for its number


def svg(chart: Chart, uid: str) -> str:
    """One chart as a figure: label above each bar, the number after it."""
    values = [b.value for b in chart.bars if b.value is not None]
    top = chart.maximum if chart.maximum is not None else max(values, default=0) or 1
    span = WIDTH - VALUE_ROOM
    height = TOP * 2 + ROW * len(chart.bars)
    rows = []
    for i, bar in enumerate(chart.bars):
        y = TOP + i * ROW
        length = 0.0 if bar.value is None else max(0.0, min(1.0, bar.value / top)) * span
        fill = f"url(#{uid}-hatch)" if bar.tone == "warn" else TONES[bar.tone]
        rows.append(
            f'<text x="0" y="{y + 13}">{escape(bar.label)}</text>'
            f'<rect class="{bar.tone}" x="0" y="{y + 18}" width="{length:.1f}" height="14" '
            f'fill="{fill}"/>'
            f'<text class="value" x="{length + 6:.1f}" y="{y + 30}">{escape(chart.shown(bar))}'
            "</text>"
        )
    desc = "; ".join(f"{b.label}: {chart.shown(b)}" for b in chart.bars)
    hatch = (f'<defs><pattern id="{uid}-hatch" width="6" height="6" '
             'patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
             f'<rect width="6" height="6" fill="{TONES["warn"]}"/>'
             '<rect width="2.5" height="6" fill="#ffffff"/></pattern></defs>')
    return (
        f'<figure class="chart"><svg xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{uid}-t {uid}-d">'
        f'<title id="{uid}-t">{escape(chart.caption)}</title>'
        f'<desc id="{uid}-d">{escape(desc)}</desc>{hatch}'
        + "".join(rows)
        + f"</svg><figcaption>{escape(chart.caption)}</figcaption></figure>"
    )


def ids(prefix: str = "chart") -> Iterator[str]:
    n = 0
    while True:
        n += 1
        yield f"{prefix}{n}"
