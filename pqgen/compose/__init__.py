"""Stage 3: compose — the plan (which template answers which part, with which parameters), the
sandboxed templating with its Dutch filters, the markup, the answer model and its checks.

May import `pqgen.question` and `pqgen.figures`; nothing from output."""
