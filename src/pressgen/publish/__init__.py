"""`pressgen publish`: build at the real time and copy the public output to the web.

`settings` reads `[publish]`, `folder` makes sure a folder is a public output and tells
whether it changed since its last deploy, `deploy` runs the command, `record` remembers what
was deployed, `cycle` is one build-and-deploy, `watch` keeps doing it at every publication
instant and every save, and `command` is the click command. Nothing is imported here:
`read.config`, which every build loads, imports `publish.settings`.
"""
