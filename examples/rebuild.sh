#!/bin/sh
# Rebuild examples/st-marys-mentoring/ from the sign-up export, the way a coordinator
# would: create the program from a starter, import the form, check the result; then
# build-relationships.sh matches the pairs and records their toolkit forms.
#
#   sh examples/rebuild.sh --force    # from anywhere; uses `mentorkit` if installed,
#                                     # else `python3 -m mentorkit` from the source tree
#   PYTHON=/path/to/python sh examples/rebuild.sh --force
#   sh examples/rebuild.sh --force --participants-only   # stop after the import
#
# It refuses to run when the example already has relationships (matched pairs and
# their forms), because rebuilding would delete them; pass --force to rebuild anyway.
# Every date is fixed, so a rebuild on any day writes the same files.
set -eu

force=no
only=no
for arg in "$@"; do
    case "$arg" in
        --force) force=yes ;;
        --participants-only) only=yes ;;
        *) echo "error: unknown option $arg (use --force, --participants-only)" >&2; exit 2 ;;
    esac
done

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
program="$here/st-marys-mentoring"

if [ "$force" != yes ] && [ -d "$program/relationships" ] \
    && [ -n "$(ls -A "$program/relationships" 2>/dev/null)" ]; then
    echo "error: $program/relationships is not empty; rebuilding would delete it" >&2
    echo "Pass --force to rebuild anyway." >&2
    exit 4
fi

if [ -n "${PYTHON:-}" ] || ! command -v mentorkit >/dev/null 2>&1; then
    cd "$repo"   # so `python -m mentorkit` finds the package in the source tree
    run() { "${PYTHON:-python3}" -m mentorkit "$@"; }
else
    run() { mentorkit "$@"; }
fi

rm -rf "$program"
run init "$program" --template healthcare-new-hire \
    --name "St. Mary's Clinical Mentoring 2026" \
    --organisation "St. Mary's Regional Medical Center" \
    --description "Hospital-wide mentoring across St. Mary's three campuses. New graduate nurses, allied health, laboratory, environmental services and supply chain staff in their first years are paired with experienced colleagues; experienced staff who want to grow into leadership or a certification can take part as mentees too." \
    --start-date 2026-09-01 --no-interactive
run -p "$program" import "$here/signup.csv" --map "$here/column-map.yaml"
run -p "$program" validate

if [ "$only" != yes ]; then
    sh "$here/build-relationships.sh"
    # the program's life beyond the pairs (training, events, certificates, ...):
    # one script per part, run in name order, each with its inputs beside it
    for step in "$here"/steps/*.sh; do
        if [ -e "$step" ]; then sh "$step"; fi
    done
    run -p "$program" validate
fi
