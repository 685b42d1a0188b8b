"""The show on every screen : live pages for the operator, the stage, each breakout
room, backstage and the foyer, control over HTTP and OSC, hooks and a text file for OBS.

``board`` (what each view shows, and the operator's controls; pure), ``pages`` (the HTML, CSS and script; pure),
``web`` (the Starlette app), ``osc`` (python-osc), ``server`` (uvicorn in a thread beside the console), ``hooks``
(hooks and the now-file) and ``qr`` (the start-up QR codes). Only a served run imports this package.
"""
