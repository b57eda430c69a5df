"""Human output for match, match suggest, match explain, pair and unpair."""

from __future__ import annotations

from rich.console import Console

from mentorkit.render import human
from mentorkit.render.console import table
from mentorkit.render.stderr import warn
from mentorkit.render.words import plural
from mentorkit.services.matching.explain import ExplainResult
from mentorkit.services.matching.manual import PairResult
from mentorkit.services.matching.propose import ProposalResult
from mentorkit.services.matching.suggest import SuggestResult


@human.register
def _proposal(result: ProposalResult, console: Console) -> None:
    warn(result.warnings)
    if result.pairs:
        table(
            console,
            ["mentee", "mentor", "score", "top reasons"],
            [[p.mentee, p.mentor, f"{p.score:.0f}", "; ".join(p.reasons)] for p in result.pairs],
            {"score"},
        )
    verb = "Applied" if result.applied else "Proposed"
    mean = result.total / len(result.pairs) if result.pairs else 0.0
    console.print(
        f"{verb} {plural(len(result.pairs), 'pair')} (total score {result.total:.1f}, "
        f"mean {mean:.1f}, {result.method} solver)"
        + (f"; {plural(result.already_matched, 'mentee')} already in a relationship"
           if result.already_matched else "")
    )
    if result.waiting_on_request:
        console.print(
            f"Left out: {plural(result.waiting_on_request, 'mentee')} waiting for a mentor's "
            "answer to their request (match --include-requesting to match them too).")
    if result.already_completed:
        console.print(
            f"Left out: {plural(result.already_completed, 'mentee')} who completed a "
            "relationship, matched again only when they ask (seeking: true in their file, "
            "or match --rematch-completed)."
        )
    if result.unmatched:
        console.print(f"\nUnmatched mentees ({len(result.unmatched)}):", style="bold")
        table(console, ["mentee", "reason"],
               [[u.mentee, u.reason] for u in result.unmatched], set())
    if result.mentors:
        console.print("\nMentors' remaining capacity:", style="bold")
        table(
            console,
            ["mentor", "capacity", "open", "proposed", "remaining", "cannot be matched"],
            [[m.mentor, str(m.capacity), str(m.open), str(m.proposed), str(m.remaining),
              m.cannot_match or ""]
             for m in result.mentors],
            {"capacity", "open", "proposed", "remaining"},
        )
    if result.applied:
        console.print(f"\nCreated {plural(len(result.applied), 'relationship')} (status proposed) "
                      "in relationships/.")
        if result.proposal_removed:
            console.print(f"Removed {result.proposal_removed}: it is applied, so it cannot be "
                          "applied twice.", markup=False)
    elif result.proposal_path:
        console.print(
            f"\nNothing is changed yet. Proposal saved to {result.proposal_path}: edit it if "
            f"you like, then run `mentorkit match --apply --proposal {result.proposal_path}`."
        )


@human.register
def _suggest(result: SuggestResult, console: Console) -> None:
    console.print(f"Best mentors with room for {result.mentee} ({result.name}):", markup=False)
    if result.note:
        warn([result.note])
    if result.suggestions:
        table(
            console,
            ["mentor", "name", "score", "room", "reasons"],
            [[s.mentor, s.name, f"{s.score:.0f}", str(s.remaining), "; ".join(s.reasons)]
             for s in result.suggestions],
            {"score", "room"},
        )


@human.register
def _explain(result: ExplainResult, console: Console) -> None:
    console.print(
        f"{result.mentee} ({result.mentee_name}) with mentor {result.mentor} "
        f"({result.mentor_name}): score {result.score:.1f} of 100"
    )
    if result.features:
        table(
            console,
            ["feature", "value", "weight", "points", "why"],
            [[f.feature, f"{f.value:.2f}", f"{f.weight:g}", f"{f.points:.1f}", f.words or ""]
             for f in result.features],
            {"value", "weight", "points"},
        )
    for problem in result.forbidden:
        console.print(f"forbidden: {problem}", style="red", markup=False)
    if result.note:
        console.print(result.note, markup=False)
    if result.chosen:
        console.print("The optimal proposal chooses this pair.")
    elif result.chosen is False:
        other = result.optimum_mentor or "nobody"
        console.print(
            f"The optimal proposal gives {result.mentee} to {other}; forcing this pair "
            f"would lower the total score by {result.cost or 0:.1f}."
        )


@human.register
def _pair(result: PairResult, console: Console) -> None:
    r = result.relationship  # (a pair removed is told in plain.py)
    warn(result.warnings)
    score = f"score {r.match.score:.0f}" if r.match.score is not None else "no score"
    console.print(f"Paired {r.mentor} with mentee {r.mentee} ({score}) as {r.id} (proposed).")
    for reason in r.match.reasons:
        console.print(f"  - {reason}", markup=False)
    if r.match.forced_reason:
        console.print(f"Override recorded: {r.match.forced_reason}", markup=False)
