"""`pressgen mail`: each release e-mailed to journalists, in their language, once.

settings (the `[mail]` table), lists (`lists/NAME.csv`), content and compose (the message),
log (what was sent), smtp (the connection, retries and pace), plan and command (the run).
Nothing here is imported by `pressgen build`, except `settings` to validate pressgen.toml.
"""
