"""Planning: understanding a question before any figure is pulled.

`reading` reads every word of a part into a structured ask (`model.Reading`), with the words of
general Dutch from a library (`dutch_words`), the question phrases and measures of figure
questions from one module (`lexicon`), and the data's own words (lines, channels, departments,
topics) from a `model.Vocabulary` that the answer routes declare. Planning imports no templating,
markup or document library: it describes, the writing stage writes.
"""
