"""renda — 智慧人大: a platform for people's congress deputies and the people they represent."""

__version__ = "0.1.0"
