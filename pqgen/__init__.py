"""pqgen drafts ministers' answers to written parliamentary questions (schriftelijke vragen)."""

__version__ = "0.1.0"
