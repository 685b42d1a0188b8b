"""The live operator console of ``clustermeet run`` and its plain one-line-per-event output.

A package of its own so that ``clustermeet.cli.run`` imports it only when a show runs: :mod:`.app` needs Textual
(slow import), :mod:`.plain` and :mod:`.words` need nothing beyond the standard library and the show engine.
"""
