"""Stage 4: output — the Word document in the official layout with the house style, the annex,
provenance, and the PDF.

May import every earlier stage; `draft`, `batch`, `review` and `cli` sit above it."""
