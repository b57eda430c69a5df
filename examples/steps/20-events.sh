#!/bin/sh
# Group events beside the pairs: a mentoring-technique workshop for the mentors, a
# Conversation Circle for everyone (pairs came together), and the next circle, still
# ahead on 2026-11-20. Each is added on the day the coordinator planned it and its
# attendance recorded the day after, so a rebuild on any day writes the same files.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
repo=$(dirname "$here")
program="$here/st-marys-mentoring"

if [ -n "${PYTHON:-}" ] || ! command -v mentorkit >/dev/null 2>&1; then
    cd "$repo"
    run() { "${PYTHON:-python3}" -m mentorkit -p "$program" "$@" >/dev/null; }
else
    run() { mentorkit -p "$program" "$@" >/dev/null; }
fi

run events add "Mentoring technique workshop" --type workshop \
    --date 2026-10-08 --start 09:00 --length "90 min" \
    --place "Education Centre, Room 2" --role mentor \
    --description "Active listening, asking good questions and setting goals together." \
    --as-of 2026-09-20
run events attend mentoring-technique-workshop-2026-10-08 \
    grace-kim marcus-bell wei-zhang olumide-adeyemi anil-sharma karen-lee --as-of 2026-10-09

run events add "Conversation Circle" --type conversation-circle \
    --date 2026-11-05 --start 12:30 --length "1 hour" \
    --place "Main campus cafeteria, private dining room" \
    --link "https://teams.example.org/st-marys/conversation-circle" --everyone \
    --as-of 2026-10-15
run events attend conversation-circle-2026-11-05 \
    wei-zhang--aisha-bello marcus-bell--priya-nair olumide-adeyemi--hannah-schultz \
    catherine-dubois --as-of 2026-11-06

run events add "Conversation Circle" --type conversation-circle \
    --date 2026-12-03 --start 12:30 --length "1 hour" \
    --place "Main campus cafeteria, private dining room" --role mentee \
    --as-of 2026-11-10
