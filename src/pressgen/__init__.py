"""pressgen: publish press releases in many languages as web pages, plain text and feeds."""

__version__ = "0.1.0"
