"""Every action of the main window with its shortcut, in one place.

A user looks shortcuts up in Help → Keyboard shortcuts (built from this table); a reader finds
here what each key does. Plain-letter shortcuts (E, 1–5, A/R/N/P) only fire where no text is
being typed: editable fields consume printable keys before shortcuts see them, and combo boxes,
buttons and spin boxes of the window keep them through `guard_typed_keys`.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QAbstractSpinBox, QComboBox, QWidget

from desktop.domain import scales

StandardKey = QKeySequence.StandardKey

#: Widgets that use plain typed keys themselves: a letter picks a combo box's item, a digit
#: goes into a spin box, Space presses a button. Typing "3" in one must never grade evidence.
KEY_TAKERS = (QComboBox, QAbstractButton, QAbstractSpinBox)
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)


class _TypedKeyGuard(QObject):
    """Claims plain printable keys for the widget that has them, before a one-letter window
    shortcut can fire (Qt lets line edits keep typed keys, but not a combo box or a button)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.ShortcutOverride and event.text()
                and event.text().isprintable()
                and not event.modifiers() & _COMMAND_MODIFIERS):
            event.accept()
        return False


_guard: _TypedKeyGuard | None = None


def guard_typed_keys(root: QWidget) -> None:
    """Let `root` and every combo box, button and spin box inside it keep their typed keys.

    Called for the main window once it is built, and by whatever adds such widgets to it later
    (the incident form's page, a table's cell editor, the tour). Each widget is watched on its
    own: an application-wide filter would run Python for every event the window gets.
    """
    global _guard
    if _guard is None:
        _guard = _TypedKeyGuard()
    # Asked for by kind, Qt hands over only the key takers: every child asked for as a QWidget
    # was given a Python object of its own (about 220 in the main window, 5-7 ms of start-up).
    takers = [taker for kind in KEY_TAKERS for taker in root.findChildren(kind)]
    for widget in ([root] if isinstance(root, KEY_TAKERS) else []) + takers:
        widget.installEventFilter(_guard)


@dataclass(frozen=True)
class Spec:
    name: str
    text: str
    menu: str
    shortcut: str | StandardKey | None = None
    tip: str = ""
    checkable: bool = False
    also: str | None = None  # a second shortcut that does the same ("Ctrl+Y" for redo)


#: Texts and tips are English, marked for lupdate in the "Actions" context (QT_TRANSLATE_NOOP
#: returns its text unchanged) and translated when the actions are built (`translate`).
CONTEXT = "Actions"

#: What each status action says, by status code: written out, so that lupdate sees them.
_STATUS_WORDS = {
    "unverified": (QT_TRANSLATE_NOOP("Actions", "Mark as unverified"),
                   QT_TRANSLATE_NOOP("Actions", "Set the verification status of the selected "
                                                "evidence to “Unverified”")),
    "corroborated": (QT_TRANSLATE_NOOP("Actions", "Mark as corroborated"),
                     QT_TRANSLATE_NOOP("Actions", "Set the verification status of the selected "
                                                  "evidence to “Corroborated”")),
    "verified": (QT_TRANSLATE_NOOP("Actions", "Mark as verified"),
                 QT_TRANSLATE_NOOP("Actions", "Set the verification status of the selected "
                                              "evidence to “Verified”")),
    "contested": (QT_TRANSLATE_NOOP("Actions", "Mark as contested"),
                  QT_TRANSLATE_NOOP("Actions", "Set the verification status of the selected "
                                               "evidence to “Contested”")),
    "rejected": (QT_TRANSLATE_NOOP("Actions", "Mark as rejected"),
                 QT_TRANSLATE_NOOP("Actions", "Set the verification status of the selected "
                                              "evidence to “Rejected”")),
}

# Status keys follow the order of the scale: 1 unverified … 5 rejected.
_STATUS_SPECS = tuple(
    Spec(f"status_{g.code}", _STATUS_WORDS[g.code][0], "Evidence", str(i),
         _STATUS_WORDS[g.code][1])
    for i, g in enumerate(scales.VERIFICATION_STATUSES, start=1)
)

SPECS: tuple[Spec, ...] = (
    Spec("new_case", QT_TRANSLATE_NOOP("Actions", "&New case…"), "File", StandardKey.New,
         QT_TRANSLATE_NOOP("Actions", "Create a new case file")),
    Spec("open_case", QT_TRANSLATE_NOOP("Actions", "&Open case…"), "File", StandardKey.Open,
         QT_TRANSLATE_NOOP("Actions", "Open a case file")),
    Spec("open_shared_case", QT_TRANSLATE_NOOP("Actions", "Open s&hared case…"), "File", None,
         QT_TRANSLATE_NOOP("Actions", "Open a case on a PostgreSQL office server by its "
                                      "address")),
    Spec("check_out", QT_TRANSLATE_NOOP("Actions", "Check out for o&ffline work…"), "File",
         None, QT_TRANSLATE_NOOP("Actions", "Write the shared case into a case file for work "
                                            "without the server, with a manifest beside it")),
    Spec("check_in", QT_TRANSLATE_NOOP("Actions", "Check in to ser&ver…"), "File", None,
         QT_TRANSLATE_NOOP("Actions", "Bring what was done in this checked-out case file back "
                                      "to its shared case")),
    Spec("import_files", QT_TRANSLATE_NOOP("Actions", "&Import sources…"), "File", "Ctrl+I",
         QT_TRANSLATE_NOOP("Actions",
                           "Import source files (.txt, .md, .docx, .html, .pdf)")),
    Spec("import_folder", QT_TRANSLATE_NOOP("Actions", "Import a &folder…"), "File",
         "Ctrl+Shift+I", QT_TRANSLATE_NOOP("Actions", "Import every source file in a folder")),
    Spec("import_with_record", QT_TRANSLATE_NOOP("Actions", "Import with a collection &record…"),
         "File", None, QT_TRANSLATE_NOOP("Actions", "Import source files with how they were "
                                                    "collected: tool, method, capture time, "
                                                    "identity, hash at collection")),
    Spec("export_dossier", QT_TRANSLATE_NOOP("Actions", "&Export dossier…"), "File", "Ctrl+E",
         QT_TRANSLATE_NOOP("Actions",
                           "Export the case as a Word dossier for a receiving office")),
    Spec("export_annotations", QT_TRANSLATE_NOOP("Actions", "Export &annotations…"), "File",
         None, QT_TRANSLATE_NOOP("Actions", "Export the evidence as W3C Web Annotations "
                                            "(JSON-LD) for other tools")),
    Spec("import_annotations", QT_TRANSLATE_NOOP("Actions", "Import a&nnotations…"), "File",
         None, QT_TRANSLATE_NOOP("Actions", "Import evidence from W3C Web Annotations or a "
                                            "Hypothesis export; each is re-anchored")),
    Spec("export_registers", QT_TRANSLATE_NOOP("Actions", "Export re&gisters (CSV)…"), "File",
         None, QT_TRANSLATE_NOOP("Actions", "Incidents and evidence as two CSV files for a "
                                            "spreadsheet")),
    Spec("export_package", QT_TRANSLATE_NOOP("Actions", "Export disclosure &package…"), "File",
         None, QT_TRANSLATE_NOOP("Actions", "The dossier, the cited sources' originals, "
                                            "registers, annotations and a checkable manifest "
                                            "in one .zip for a receiving office")),
    Spec("case_details", QT_TRANSLATE_NOOP("Actions", "Case &details…"), "File", None,
         QT_TRANSLATE_NOOP("Actions", "The case's title, reference and marking, and who issues "
                                      "its dossier, to whom and for what")),
    Spec("close_case", QT_TRANSLATE_NOOP("Actions", "&Close case"), "File", "Ctrl+W",
         QT_TRANSLATE_NOOP("Actions", "Close the open case")),
    Spec("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), "File", "Ctrl+Q",
         QT_TRANSLATE_NOOP("Actions", "Quit Casefile")),
    Spec("undo", QT_TRANSLATE_NOOP("Actions", "&Undo"), "Edit", StandardKey.Undo),
    Spec("redo", QT_TRANSLATE_NOOP("Actions", "&Redo"), "Edit", "Ctrl+Shift+Z", also="Ctrl+Y"),
    Spec("find_in_source", QT_TRANSLATE_NOOP("Actions", "&Find in source…"), "Edit",
         StandardKey.Find, QT_TRANSLATE_NOOP("Actions", "Find text in the source being read")),
    Spec("search_case", QT_TRANSLATE_NOOP("Actions", "&Search the case…"), "Edit",
         "Ctrl+Shift+F",
         QT_TRANSLATE_NOOP("Actions", "Full-text search over every source of the case")),
    Spec("preferences", QT_TRANSLATE_NOOP("Actions", "Pre&ferences…"), "Edit", "Ctrl+,",
         QT_TRANSLATE_NOOP("Actions", "Your name and the interface language")),
    Spec("mark_evidence", QT_TRANSLATE_NOOP("Actions", "&Mark as evidence…"), "Evidence", "E",
         QT_TRANSLATE_NOOP("Actions",
                           "Mark the selected passage as evidence for the current incident")),
    *_STATUS_SPECS,
    Spec("remove_evidence", QT_TRANSLATE_NOOP("Actions", "&Remove evidence"), "Evidence",
         "Shift+Del",
         QT_TRANSLATE_NOOP("Actions", "Remove the selected evidence span (a mistaken mark)")),
    Spec("resubmit_evidence", QT_TRANSLATE_NOOP("Actions", "Re&submit for review"), "Evidence",
         None, QT_TRANSLATE_NOOP("Actions", "Send returned evidence back to the reviewer once "
                                            "the comment is dealt with")),
    Spec("approve_evidence", QT_TRANSLATE_NOOP("Actions", "&Approve (review)"), "Evidence", "A",
         QT_TRANSLATE_NOOP("Actions",
                           "Review: approve the evidence shown in the review panel")),
    Spec("return_evidence", QT_TRANSLATE_NOOP("Actions", "Re&turn with comment… (review)"),
         "Evidence", "R",
         QT_TRANSLATE_NOOP("Actions",
                           "Review: return the evidence to its documenter with a comment")),
    Spec("next_pending", QT_TRANSLATE_NOOP("Actions", "&Next pending (review)"), "Evidence",
         "N", QT_TRANSLATE_NOOP("Actions",
                                "Review: go to the next evidence waiting for review")),
    Spec("previous_pending", QT_TRANSLATE_NOOP("Actions", "&Previous pending (review)"),
         "Evidence", "P",
         QT_TRANSLATE_NOOP("Actions",
                           "Review: go back to the previous evidence waiting for review")),
    Spec("new_incident", QT_TRANSLATE_NOOP("Actions", "&Add incident"), "Incident",
         "Ctrl+Shift+N", QT_TRANSLATE_NOOP("Actions", "Add a new incident")),
    Spec("delete_incident", QT_TRANSLATE_NOOP("Actions", "&Delete incident…"), "Incident", None,
         QT_TRANSLATE_NOOP("Actions",
                           "Delete the current incident; its evidence is kept, unlinked")),
    Spec("submit_incident", QT_TRANSLATE_NOOP("Actions", "&Submit for review"), "Incident", None,
         QT_TRANSLATE_NOOP("Actions", "Send the current incident to a reviewer")),
    Spec("approve_incident", QT_TRANSLATE_NOOP("Actions", "A&pprove incident"), "Incident", None,
         QT_TRANSLATE_NOOP("Actions",
                           "Sign the current incident off (all its evidence must be approved)")),
    Spec("return_incident", QT_TRANSLATE_NOOP("Actions", "&Return incident…"), "Incident", None,
         QT_TRANSLATE_NOOP("Actions",
                           "Send the current incident back to its documenter with a comment")),
    Spec("verify_integrity", QT_TRANSLATE_NOOP("Actions", "&Verify integrity"), "Case", None,
         QT_TRANSLATE_NOOP("Actions", "Check the audit trail's hash chain and every source's "
                                      "fingerprints")),
    Spec("protected_people", QT_TRANSLATE_NOOP("Actions", "&Protected people…"), "Case", None,
         QT_TRANSLATE_NOOP("Actions", "Names replaced by pseudonyms in redacted dossiers")),
    Spec("save_handover", QT_TRANSLATE_NOOP("Actions", "Save a copy for &hand-over…"), "Case",
         None, QT_TRANSLATE_NOOP("Actions", "Write a consistent copy of the case and its "
                                            "manifest, to hand to a reviewer")),
    Spec("merge_review", QT_TRANSLATE_NOOP("Actions", "&Merge review from…"), "Case", None,
         QT_TRANSLATE_NOOP("Actions",
                           "Bring a reviewer's decisions back from a returned copy")),
    Spec("encrypt_case", QT_TRANSLATE_NOOP("Actions", "&Encrypt with a passphrase…"), "Case",
         None, QT_TRANSLATE_NOOP("Actions",
                                 "Rewrite the open case as an encrypted file (SQLCipher)")),
    Spec("recover_case", QT_TRANSLATE_NOOP("Actions", "&Recover a damaged case…"), "Case", None,
         QT_TRANSLATE_NOOP("Actions", "Salvage what can be read from a damaged case file into "
                                      "a new one")),
    Spec("edit_source", QT_TRANSLATE_NOOP("Actions", "Source &details…"), "Source",
         "Ctrl+Shift+D", QT_TRANSLATE_NOOP("Actions", "Edit the metadata and reliability grade "
                                                      "of the open source")),
    Spec("review_mode", QT_TRANSLATE_NOOP("Actions", "&Review"), "View", "Ctrl+R",
         QT_TRANSLATE_NOOP("Actions", "Walk through the evidence waiting for review, one span "
                                      "at a time"), checkable=True),
    Spec("compare", QT_TRANSLATE_NOOP("Actions", "Open &side by side"), "View", "Ctrl+\\",
         QT_TRANSLATE_NOOP("Actions", "Show a second source beside the first to compare two "
                                      "accounts"), checkable=True),
    Spec("reset_layout", QT_TRANSLATE_NOOP("Actions", "Reset &layout"), "View", None,
         QT_TRANSLATE_NOOP("Actions", "Put every panel back in its place, sized to the "
                                      "window")),
    Spec("shortcuts", QT_TRANSLATE_NOOP("Actions", "&Keyboard shortcuts"), "Help",
         StandardKey.HelpContents),
    Spec("take_tour", QT_TRANSLATE_NOOP("Actions", "Take the &tour"), "Help", None,
         QT_TRANSLATE_NOOP("Actions", "A short tour of the window's panels")),
    Spec("about", QT_TRANSLATE_NOOP("Actions", "&About Casefile"), "Help"),
)

MENUS = ("File", "Case", "Edit", "Evidence", "Incident", "Source", "View", "Help")
#: The menu bar's titles, by menu (MENUS are also the keys of SPECS' `menu`).
MENU_TITLES = {
    "File": QT_TRANSLATE_NOOP("Actions", "&File"),
    "Case": QT_TRANSLATE_NOOP("Actions", "&Case"),
    "Edit": QT_TRANSLATE_NOOP("Actions", "&Edit"),
    "Evidence": QT_TRANSLATE_NOOP("Actions", "&Evidence"),
    "Incident": QT_TRANSLATE_NOOP("Actions", "&Incident"),
    "Source": QT_TRANSLATE_NOOP("Actions", "&Source"),
    "View": QT_TRANSLATE_NOOP("Actions", "&View"),
    "Help": QT_TRANSLATE_NOOP("Actions", "&Help"),
}

#: Actions that work only in review mode (their letters would surprise anyone else).
REVIEW_ONLY = ("approve_evidence", "return_evidence", "next_pending", "previous_pending")


def translate(text: str) -> str:
    """An action's text, tip or menu title in the interface language."""
    return QCoreApplication.translate(CONTEXT, text) if text else text


def menu_title(menu: str) -> str:
    """The title of one of MENUS, translated, with its accelerator."""
    return translate(MENU_TITLES[menu])


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
            action = QAction(translate(spec.text), parent)
            if spec.shortcut is not None:
                action.setShortcuts([QKeySequence(k) for k in (spec.shortcut, spec.also) if k])
            if spec.tip:
                action.setStatusTip(translate(spec.tip))
                tip = translate(spec.tip) + (f" ({shortcut_text(spec)})" if spec.shortcut
                                             else "")
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
        names = ("import_files", "import_folder", "import_with_record", "export_dossier",
                 "export_annotations",
                 "import_annotations", "export_registers", "export_package", "case_details",
                 "close_case",
                 "search_case",
                 "mark_evidence", "remove_evidence", "new_incident", "delete_incident",
                 "edit_source", "compare", "find_in_source", "resubmit_evidence",
                 "submit_incident", "approve_incident", "return_incident", "verify_integrity",
                 "protected_people", "save_handover", "merge_review", "review_mode",
                 "encrypt_case",
                 *(s.name for s in _STATUS_SPECS))
        return [self._by_name[n] for n in names]


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(menu, action, shortcut) of every action that has a shortcut, for the help dialog."""
    return [(menu_title(s.menu).replace("&", ""), translate(s.text).replace("&", "").rstrip("…"),
             shortcut_text(s))
            for s in SPECS if s.shortcut is not None]
