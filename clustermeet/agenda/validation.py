"""I/O: the ``validate`` use case: check agenda files, or folders of them, and say what is wrong where.

Reads the files it is given (the kernel's own loading); prints nothing. The report's :meth:`to_dict` is the
``--format json`` shape of docs/validate-json.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from clustermeet.agenda.loading import load_agenda
from clustermeet.errors import InvalidInputError, Problem, UsageError

if TYPE_CHECKING:
    from pathlib import Path


@dataclass(frozen=True)
class FileResult:
    """One agenda file checked: its problems, and whether it passes."""

    path: str
    valid: bool
    problems: list[Problem]
    language: str = "en"  # the file's event language, which its problems are written in

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


@dataclass
class ValidationReport:
    """Every file checked, and the paths that could not be read (a usage problem, not an invalid agenda)."""

    files: list[FileResult] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[Problem]:
        return [problem for result in self.files for problem in result.problems]

    @property
    def errors(self) -> int:
        return sum(result.errors for result in self.files)

    @property
    def warnings(self) -> int:
        return sum(result.warnings for result in self.files)

    @property
    def invalid(self) -> int:
        return sum(not result.valid for result in self.files)

    @property
    def valid(self) -> bool:
        return not self.unreadable and not self.invalid

    @property
    def language(self) -> str:
        """The language of the summary: the files' one where they share it, else English (``en``)."""
        languages = {result.language for result in self.files}
        return languages.pop() if len(languages) == 1 else "en"

    def to_dict(self) -> dict[str, Any]:
        return {
            "valid": self.valid,
            "files": [
                {
                    "path": result.path,
                    "valid": result.valid,
                    "errors": result.errors,
                    "warnings": result.warnings,
                    "problems": [problem_dict(p) for p in result.problems],
                }
                for result in self.files
            ],
            "unreadable": self.unreadable,
            "errors": self.errors,
            "warnings": self.warnings,
        }


def problem_dict(problem: Problem) -> dict[str, object]:
    return {
        "path": problem.path,
        "line": problem.line,
        "col": problem.col,
        "severity": problem.severity,
        "field": problem.field,
        "message": problem.message,
    }


def validate_paths(paths: list[Path], *, strict: bool = False, participants: Path | None = None) -> ValidationReport:
    """Check each agenda file, and each ``*.yaml``/``*.yml`` below each folder; ``strict``: warnings fail too;
    ``participants``: the list to check each agenda with instead of its own."""
    files, unreadable = agenda_files(paths)
    report = ValidationReport(unreadable=unreadable)
    for path in files:
        name = str(path)
        try:
            loaded = load_agenda(path, name, participants)
            problems, language = loaded.warnings, str(loaded.agenda.event.language)
        except InvalidInputError as exc:
            problems, language = exc.problems, exc.language
        except UsageError as exc:
            report.unreadable.append(exc.message)
            continue
        errors = sum(p.is_error for p in problems)
        valid = errors == 0 and not (strict and len(problems) > errors)
        report.files.append(FileResult(name, valid, problems, language))
    return report


def agenda_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """Files as given, and folders searched (recursively, skipping hidden folders) for *.yaml and *.yml."""
    files: list[Path] = []
    missing: list[str] = []
    for path in paths:
        if path.is_dir():
            found = sorted(
                p
                for pattern in ("*.yaml", "*.yml")
                for p in path.rglob(pattern)
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                missing.append(f"{path}: no *.yaml or *.yml files in this folder")
            files += found
        elif path.exists():
            files.append(path)
        else:
            missing.append(f"{path}: no such file or folder")
    return files, missing
