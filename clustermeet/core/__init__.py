"""Pure logic: load and check agendas, build the schedule, assign rooms, the run-of-show engine.

Nothing here prints or imports typer/rich; errors are raised as ``clustermeet.errors`` types.
"""
