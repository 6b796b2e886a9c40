"""`python -m topics` runs the command line, as the console script does."""

from topics._entry import main

main()
