"""Running the show: steps and cues, the run-of-show engine, the show log, the runsheet and the report, and the
operator console."""
