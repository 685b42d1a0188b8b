"""``python -m clustermeet``, and the console scripts' entry points.

The command line is imported inside the guard: Ctrl-C at any moment, even in the first milliseconds while typer
and pydantic are still being imported, ends with one line and exit code 130, never a traceback.
"""

import os
import sys

INTERRUPTED = 130


def _unraisable(info: "sys.UnraisableHookArgs") -> None:
    """A Ctrl-C that lands in a callback Python cannot raise from (importlib's module-lock weakref, while a module
    is being imported) would be printed as "Exception ignored in ..." with a traceback, and the command would go
    on: it ends the command like any other Ctrl-C."""
    if info.exc_type is not None and issubclass(info.exc_type, KeyboardInterrupt):
        os.write(2, b"interrupted\n")
        os._exit(INTERRUPTED)
    sys.__unraisablehook__(info)


def run(entry: str = "main") -> None:
    """Run the command line (``entry``: ``main`` or ``validate_main``, see ``clustermeet.cli``)."""
    sys.unraisablehook = _unraisable
    try:
        from clustermeet import cli  # noqa: PLC0415 slow import: inside the guard, so an early Ctrl-C is clean

        getattr(cli, entry)()
    except KeyboardInterrupt:
        # the cli layer, which prints everything else, may be half imported here: one raw line on stderr
        os.write(2, b"interrupted\n")
        sys.exit(INTERRUPTED)
    except RuntimeError as exc:  # a Ctrl-C inside a class's __set_name__ while the command line is imported
        if not isinstance(exc.__cause__, KeyboardInterrupt):
            raise
        os.write(2, b"interrupted\n")
        sys.exit(INTERRUPTED)


def run_validate() -> None:
    """The ``clustermeet-validate`` pre-commit hook."""
    run("validate_main")


if __name__ == "__main__":
    run()
