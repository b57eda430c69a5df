#!/bin/sh
# The HR roster: St. Mary's HR system (a Workday-style export, fictional people, fixed
# dates) gives every hire since 1998 with their work email, hire and termination dates.
# `mentorkit outcomes import` keeps only those three columns, in private/roster.json
# (owner-only and git-ignored, so it is not in the repository: this script makes it);
# `mentorkit report` then compares the mentees' retention with their colleagues'.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
repo=$(dirname "$here")
program="$here/st-marys-mentoring"
in="$here/inputs/outcomes"

if [ -n "${PYTHON:-}" ] || ! command -v mentorkit >/dev/null 2>&1; then
    cd "$repo"
    run() { "${PYTHON:-python3}" -m mentorkit -p "$program" "$@" >/dev/null; }
else
    run() { mentorkit -p "$program" "$@" >/dev/null; }
fi

run outcomes import "$in/hr-roster.csv"
