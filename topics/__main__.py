"""`python -m topics` runs the command line."""

from topics.cli import main

main()
