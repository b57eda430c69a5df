"""Program-wide features beyond the pairs: cohorts (rounds of a program), and more."""
