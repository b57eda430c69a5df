#!/bin/sh
# Certificates of completion for the example's completed pair (Wilner Joseph and Mei
# Lin, closed on 2026-11-13): both people's, as HTML and as PDF, into
# st-marys-mentoring/certificates/. A certificate is dated by its completion, so a
# rebuild on any day writes the same bytes.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
repo=$(dirname "$here")
program="$here/st-marys-mentoring"
out="$program/certificates"

if [ -n "${PYTHON:-}" ] || ! command -v mentorkit >/dev/null 2>&1; then
    cd "$repo"
    run() { "${PYTHON:-python3}" -m mentorkit -p "$program" "$@" >/dev/null; }
else
    run() { mentorkit -p "$program" "$@" >/dev/null; }
fi

mkdir -p "$out"
run certificate wilner-joseph--mei-lin --out "$out" --format html --as-of 2026-11-20
run certificate wilner-joseph--mei-lin --out "$out" --format pdf --as-of 2026-11-20
