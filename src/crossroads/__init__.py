"""crossroads: evidence-grounded knowledge from regional reporting."""

__version__ = "0.1.0"
