"""`python -m pqgen` runs the command line."""

from pqgen.cli import main

main()
