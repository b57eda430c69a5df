"""`introduction`: to both people when a pair is made. It is due while the pair has not
met and is younger than messages.first_meeting_days; after that the first-meeting nudge
takes over (so an old pair never gets both at once)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from mentorkit.services.messaging.base import Draft, MessageKind
from mentorkit.services.messaging.context import Plan
from mentorkit.services.messaging.kinds import met, register, to_both
from mentorkit.services.programs.library import for_pair, for_side


@register
class Introduction(MessageKind):
    name = "introduction"
    summary = "to both people when a pair is made and has not met yet"
    order = 10

    def drafts(self, plan: Plan) -> Iterator[Draft]:
        fresh = dt.timedelta(days=plan.settings.first_meeting_days)
        for pair, files in plan.pairs():
            rel = files.relationship
            new = rel.status.is_open and not met(files) and plan.as_of < rel.matched_on + fresh
            if not ((new or plan.preview) and plan.both_taking_part(pair)):
                continue
            variables = {"pair": plan.pair_view(pair)}
            # chosen by what the mentee wants help with; each side gets its own reading
            picks = for_pair(plan.snapshot.program.resources or [],
                             plan.snapshot.participants.get(rel.mentee), files.current_goals())
            for draft in to_both(self.name, pair, pair, plan.sides(pair), variables):
                side = draft.recipient.role
                other = rel.mentee if side == "mentor" else rel.mentor
                draft.variables["other_profile"] = plan.profile(other)
                draft.variables["resources"] = [p.to_json() for p in for_side(picks, side)]
                yield draft
