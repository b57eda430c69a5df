#!/bin/sh
# Training and resources: the coordinator adds the trainings and a small resource library
# to program.yaml (the lines in inputs/training/program-settings.yaml), puts the one
# resource that is a file into the program folder, imports the attendance sheets of the
# August sessions, and records one make-up session by hand. Fixed dates throughout.
#
# Left incomplete on purpose, so `mentorkit due` and `mentorkit training list --due` have
# something to show: Frank Russo and Kevin Walsh have not done Mentoring 101 (so the
# next `mentorkit match` will not give them a mentee), and a few mentees and people
# enrolled as both have not done "Getting the most from mentoring".
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
repo=$(dirname "$here")
program="$here/st-marys-mentoring"
in="$here/inputs/training"

if [ -n "${PYTHON:-}" ] || ! command -v mentorkit >/dev/null 2>&1; then
    cd "$repo"
    run() { "${PYTHON:-python3}" -m mentorkit -p "$program" "$@" >/dev/null; }
else
    run() { mentorkit -p "$program" "$@" >/dev/null; }
fi

if ! grep -q '^training:' "$program/program.yaml"; then
    grep -v '^#' "$in/program-settings.yaml" >> "$program/program.yaml"
fi
mkdir -p "$program/resources"
cp "$in/conversations-with-families.md" "$program/resources/"
run validate

run training import "$in/attendance.csv"
# Karen Lee missed the August sessions and took the make-up one
run training record karen.lee@stmarysrmc.example.org "Mentoring 101" --date 2026-09-02
