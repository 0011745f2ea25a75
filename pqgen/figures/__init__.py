"""Stage 2: figures — the figure-set model and column types, query files, databases and other
figure sources, the department workbooks, and the demo database.

May import `pqgen.question`; nothing from compose or output."""
