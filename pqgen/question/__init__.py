"""Stage 1: the written question — its model, the readers per input format, the published
layouts, the period a sub-question asks about, and the due date of the answer.

Imports nothing from the later stages (figures, compose, output)."""
