"""Matching: proposals, applying them, pairing by hand, exclusions and explanations.

    pool        the program loaded into arrays for the engine; one pair's score and words
    exclusions  pairs never to match (program.yaml and the exclusions CSV)
    propose     `match`: the optimal proposal and its file
    proposal_file  where the proposal may go; putting back a replayed one (no numpy)
    apply       `match --apply`: a proposal written as relationships
    suggest     `match suggest`: the best mentors for one mentee
    explain     `match explain`: one pair feature by feature
    manual      `pair` / `unpair`
    checks      what `validate` checks of the matching settings
"""
