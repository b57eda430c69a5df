"""The toolkit: a pair's forms (Tools 1–6), filling and submitting them, the rules across
them, a relationship's life, and show.

    catalogue   the forms: names, titles, blanks with guidance; `forms list/copy`
    pair        find a pair from what was typed and load its forms
    fill        fill a form field by field (options, prompts)
    whole_form  a whole form as YAML: --from FILE, --edit, drafts
    submit      the one place a form is checked across files and written
    rules       the rules across files (latest-session rule, dates, goal references)
    lifecycle   start, close, reopen
    show        one relationship whole
    checks      what `validate` checks in each relationship folder
"""
