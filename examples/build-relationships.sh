#!/bin/sh
# Give examples/st-marys-mentoring/ its relationships: match the participants, then
# record each pair's toolkit forms with the real commands, dated as they happened.
# The program started on 2026-09-01; the files show it in flight around 2026-11-20.
#
#   sh examples/build-relationships.sh     # run by rebuild.sh after the import
#
# Every form comes from a file under examples/toolkit-inputs/<pair>/ (a filled copy of
# `mentorkit forms copy NAME`), and every command gets its date, so a rebuild on any
# day writes the same files.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
program="$here/st-marys-mentoring"
in="$here/toolkit-inputs"

if [ -n "${PYTHON:-}" ] || ! command -v mentorkit >/dev/null 2>&1; then
    cd "$repo"
    run() { "${PYTHON:-python3}" -m mentorkit -p "$program" "$@" >/dev/null; }
else
    run() { mentorkit -p "$program" "$@" >/dev/null; }
fi

# needs-analysis, goals and action-plan of a pair, from its folder of inputs
first_forms() {
    run needs-analysis "$1" --from "$in/$1/needs-analysis.yaml" --no-interactive
    run goals "$1" --from "$in/$1/goals.yaml" --no-interactive
    run action-plan "$1" --from "$in/$1/action-plan.yaml" --no-interactive
}
# session N of a pair (the first one also makes the relationship active)
session() { run log-session "$1" --from "$in/$1/session-$2.yaml" --no-interactive; }
# actions done: done PAIR a1=YYYY-MM-DD ...
done_() {
    pair=$1; shift
    for action in "$@"; do set -- "$@" --done "$action"; shift; done
    run action-plan "$pair" "$@" --no-interactive
}
evaluate() {
    run evaluate "$1" --as "$2" --from "$in/$1/evaluation-$2.yaml" --no-interactive
}

# 1. Matching. At launch the coordinator applied the first wave of `mentorkit match`
#    (the departments ready to start); the rest of the proposal on 2026-11-16.
run match --apply --proposal "$in/wave1-proposal.yaml" --date 2026-09-01
run match --apply --date 2026-11-16

# 2. Several sessions: a new-graduate ICU nurse and her night-shift preceptor.
p=olumide-adeyemi--hannah-schultz
first_forms $p
session $p 1
done_ $p a1=2026-09-28 a2=2026-10-05 a3=2026-10-08 a4=2026-09-24
session $p 2
done_ $p a5=2026-10-31 a6=2026-10-20
session $p 3

# A lab scientist on QC and the blood bank bench.
p=wei-zhang--aisha-bello
first_forms $p
session $p 1
done_ $p a1=2026-09-29 a2=2026-10-09 a3=2026-10-13
session $p 2
done_ $p a4=2026-10-22
session $p 3

# An EVS technician on safe chemicals and isolation rooms; one action is overdue.
p=wilner-joseph--tamika-johnson
first_forms $p
session $p 1
done_ $p a1=2026-10-05 a2=2026-10-13
session $p 2
done_ $p a4=2026-11-06

# A new-graduate PT on ICU mobility and safe patient handling.
p=michael-o-brien--ana-silva
first_forms $p
session $p 1
done_ $p a1=2026-10-20 a2=2026-10-14
session $p 2

# A new ED nurse on trauma, families and nights.
p=marcus-bell--priya-nair
first_forms $p
session $p 1
done_ $p a1=2026-10-12 a2=2026-10-21
session $p 2
done_ $p a3=2026-11-13

# Supply chain par levels: gone quiet since September (the 27 October meeting never
# happened), so the report shows it at risk and its actions overdue.
p=gloria-mendoza--kwame-asante
first_forms $p
session $p 1
done_ $p a1=2026-09-22
session $p 2

# First meeting done: needs analysis, goals, action plan, and the first session.
for p in maria-lopez--emily-chen linda-park--daniel-okafor rosa-delgado--jamal-carter; do
    first_forms $p
    session $p 1
done
# Started by the coordinator after the first meeting, which was not logged as a session.
p=rekha-iyer--tyler-brooks
run start $p --date 2026-11-12
first_forms $p

# Completed: three sessions, the last one final, both evaluations, partnership ideas.
p=wilner-joseph--mei-lin
first_forms $p
session $p 1
done_ $p a1=2026-09-25 a2=2026-10-02
session $p 2
done_ $p a3=2026-10-21 a4=2026-10-28
session $p 3
evaluate $p mentor
evaluate $p mentee
run partnership $p --from "$in/$p/partnership-ideas.yaml" --no-interactive
run close $p --reason "Goals met early; Mei starts as EVS lead technician trainee in December" \
    --date 2026-11-13 --no-interactive

# Ended early: the mentee took a pediatric ED post at another hospital.
p=grace-kim--lucia-fernandez
first_forms $p
session $p 1
done_ $p a1=2026-10-06
session $p 2
evaluate $p mentor
run close $p --kind ended-early --date 2026-10-30 --no-interactive \
    --reason "Lucia moved to a pediatric emergency post at another hospital" \
    --missing-reason "Lucia left on 31 October before a final meeting; she did not send her evaluation"
run participants edit lucia-fernandez --status withdrawn --date 2026-10-31

# The program's cache is not part of the example.
rm -rf "$program/.mentorkit"
