"""``python -m clustermeet``."""

from clustermeet.cli import main

if __name__ == "__main__":
    main()
