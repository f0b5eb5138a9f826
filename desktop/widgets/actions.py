"""Every action of the main window with its shortcut, in one place.

A user looks shortcuts up in Help → Keyboard shortcuts (built from this table); a reader finds
here what each key does. Plain-letter shortcuts (E, 1–5) only fire where no text is being
typed: editable fields consume printable keys before shortcuts see them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from desktop.domain import scales

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True)
class Spec:
    name: str
    text: str
    menu: str
    shortcut: str | StandardKey | None = None
    tip: str = ""
    checkable: bool = False


# Status keys follow the order of the scale: 1 unverified … 5 rejected.
_STATUS_SPECS = tuple(
    Spec(f"status_{g.code}", f"Mark as {g.label.lower()}", "Evidence", str(i),
         f"Set the verification status of the selected evidence to “{g.label}”")
    for i, g in enumerate(scales.VERIFICATION_STATUSES, start=1)
)

SPECS: tuple[Spec, ...] = (
    Spec("new_case", "&New case…", "File", StandardKey.New, "Create a new case file"),
    Spec("open_case", "&Open case…", "File", StandardKey.Open, "Open a case file"),
    Spec("import_files", "&Import sources…", "File", "Ctrl+I",
         "Import source files (.txt, .md, .docx, .html, .pdf)"),
    Spec("import_folder", "Import a &folder…", "File", "Ctrl+Shift+I",
         "Import every source file in a folder"),
    Spec("export_dossier", "&Export dossier…", "File", "Ctrl+E",
         "Export the case as a Word dossier for a receiving office"),
    Spec("close_case", "&Close case", "File", "Ctrl+W", "Close the open case"),
    Spec("quit", "&Quit", "File", "Ctrl+Q", "Quit Casefile"),
    Spec("undo", "&Undo", "Edit", StandardKey.Undo),
    Spec("redo", "&Redo", "Edit", "Ctrl+Shift+Z"),
    Spec("find_in_source", "&Find in source…", "Edit", StandardKey.Find,
         "Find text in the source being read"),
    Spec("search_case", "&Search the case…", "Edit", "Ctrl+Shift+F",
         "Full-text search over every source of the case"),
    Spec("mark_evidence", "&Mark as evidence…", "Evidence", "E",
         "Mark the selected passage as evidence for the current incident"),
    *_STATUS_SPECS,
    Spec("remove_evidence", "&Remove evidence", "Evidence", "Shift+Del",
         "Remove the selected evidence span (a mistaken mark)"),
    Spec("resubmit_evidence", "Re&submit for review", "Evidence", None,
         "Send returned evidence back to the reviewer once the comment is dealt with"),
    Spec("approve_evidence", "&Approve (review)", "Evidence", "A",
         "Review: approve the evidence shown in the review panel"),
    Spec("return_evidence", "Re&turn with comment… (review)", "Evidence", "R",
         "Review: return the evidence to its documenter with a comment"),
    Spec("next_pending", "&Next pending (review)", "Evidence", "N",
         "Review: go to the next evidence waiting for review"),
    Spec("previous_pending", "&Previous pending (review)", "Evidence", "P",
         "Review: go back to the previous evidence waiting for review"),
    Spec("new_incident", "&Add incident", "Incident", "Ctrl+Shift+N", "Add a new incident"),
    Spec("delete_incident", "&Delete incident…", "Incident", None,
         "Delete the current incident; its evidence is kept, unlinked"),
    Spec("submit_incident", "&Submit for review", "Incident", None,
         "Send the current incident to a reviewer"),
    Spec("approve_incident", "A&pprove incident", "Incident", None,
         "Sign the current incident off (all its evidence must be approved)"),
    Spec("return_incident", "&Return incident…", "Incident", None,
         "Send the current incident back to its documenter with a comment"),
    Spec("verify_integrity", "&Verify integrity", "Case", None,
         "Check the audit trail's hash chain and every source's fingerprints"),
    Spec("protected_people", "&Protected people…", "Case", None,
         "Names replaced by pseudonyms in redacted dossiers"),
    Spec("save_handover", "Save a copy for &hand-over…", "Case", None,
         "Write a consistent copy of the case and its manifest, to hand to a reviewer"),
    Spec("merge_review", "&Merge review from…", "Case", None,
         "Bring a reviewer's decisions back from a returned copy"),
    Spec("encrypt_case", "&Encrypt with a passphrase…", "Case", None,
         "Rewrite the open case as an encrypted file (SQLCipher)"),
    Spec("recover_case", "&Recover a damaged case…", "Case", None,
         "Salvage what can be read from a damaged case file into a new one"),
    Spec("edit_source", "Source &details…", "Source", "Ctrl+Shift+D",
         "Edit the metadata and reliability grade of the open source"),
    Spec("review_mode", "&Review", "View", "Ctrl+R",
         "Walk through the evidence waiting for review, one span at a time", checkable=True),
    Spec("compare", "Open &side by side", "View", "Ctrl+\\",
         "Show a second source beside the first to compare two accounts", checkable=True),
    Spec("shortcuts", "&Keyboard shortcuts", "Help", StandardKey.HelpContents),
    Spec("about", "&About Casefile", "Help"),
)

MENUS = ("File", "Case", "Edit", "Evidence", "Incident", "Source", "View", "Help")

#: Actions that work only in review mode (their letters would surprise anyone else).
REVIEW_ONLY = ("approve_evidence", "return_evidence", "next_pending", "previous_pending")


def shortcut_text(spec: Spec) -> str:
    """The shortcut as the user's platform writes it ("Ctrl+O"), or "" when there is none."""
    if spec.shortcut is None:
        return ""
    sequence = (QKeySequence(spec.shortcut) if isinstance(spec.shortcut, str)
                else QKeySequence(spec.shortcut))
    return sequence.toString(QKeySequence.SequenceFormat.NativeText)


class Actions:
    """The window's QActions, by name: `actions.open_case`, `actions["status_verified"]`."""

    def __init__(self, parent: QWidget) -> None:
        self._by_name: dict[str, QAction] = {}
        for spec in SPECS:
            action = QAction(spec.text, parent)
            if spec.shortcut is not None:
                action.setShortcut(QKeySequence(spec.shortcut))
            if spec.tip:
                action.setStatusTip(spec.tip)
                tip = spec.tip + (f" ({shortcut_text(spec)})" if spec.shortcut else "")
                action.setToolTip(tip)
            action.setCheckable(spec.checkable)
            self._by_name[spec.name] = action
            setattr(self, spec.name, action)

    def __getitem__(self, name: str) -> QAction:
        return self._by_name[name]

    def in_menu(self, menu: str) -> list[QAction]:
        return [self._by_name[s.name] for s in SPECS if s.menu == menu]

    def status_actions(self) -> list[QAction]:
        return [self._by_name[s.name] for s in _STATUS_SPECS]

    def case_actions(self) -> list[QAction]:
        """Actions that need an open case."""
        names = ("import_files", "import_folder", "export_dossier", "close_case", "search_case",
                 "mark_evidence", "remove_evidence", "new_incident", "delete_incident",
                 "edit_source", "compare", "find_in_source", "resubmit_evidence",
                 "submit_incident", "approve_incident", "return_incident", "verify_integrity",
                 "protected_people", "save_handover", "merge_review", "review_mode",
                 "encrypt_case",
                 *(s.name for s in _STATUS_SPECS))
        return [self._by_name[n] for n in names]


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(menu, action, shortcut) of every action that has a shortcut, for the help dialog."""
    return [(s.menu, s.text.replace("&", "").rstrip("…"), shortcut_text(s))
            for s in SPECS if s.shortcut is not None]
