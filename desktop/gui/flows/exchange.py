"""What comes into the case and what leaves it: importing sources, the dossier, annotations,
registers, the disclosure package, hand-over copies and merging a reviewer's copy back. Every
one of them runs off the UI thread with a progress dialog; those that can stop half-way without
harm can be cancelled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox

from desktop.domain import db, files
from desktop.domain.errors import CasefileError
from desktop.domain.printable import printable
from desktop.gui import i18n
from desktop.gui.flows.base import Flow
from desktop.gui.flows.cases import case_filter, documents
from desktop.services import changes, sources


def source_filter() -> str:
    """The file-dialog filter of importable sources, in the interface language."""
    from desktop.services import importing  # the readers load with the first import

    patterns = " ".join(f"*{e}" for e in sorted(importing.SUPPORTED_EXTENSIONS))
    return (QCoreApplication.translate("CasefileApp", "Sources ({patterns})")
            .format(patterns=patterns)
            + ";;" + QCoreApplication.translate("CasefileApp", "All files (*)"))


def _rendition(result, actor: str, progress, cancelled):
    """The exported dossier's PDF (rendition.Rendition), or the one line that says why there is
    none: the .docx is written either way, so a missing LibreOffice does not fail the export."""
    from desktop.services import rendition

    try:
        return rendition.render_dossier(result.path, result.sha256, actor=actor,
                                        progress=progress, cancelled=cancelled)
    except rendition.RenditionError as exc:
        return str(exc)


class Exchange(Flow):
    """Imports and exports of the open case."""

    @property
    def case_file(self) -> Path | None:
        return self.app.session.case_file

    # ------------------------------------------------------------ importing sources
    def ask_import_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.window, self.tr("Import sources"),
                                                str(documents()), source_filter())
        if names:
            self.import_paths([Path(n) for n in names])

    def ask_import_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self.window, self.tr("Import a folder of sources"),
                                                str(documents()))
        if name:
            self.import_paths([Path(name)])

    def ask_import_with_record(self) -> None:
        """Import files with how they were collected (tool, method, time, identity, hash)."""
        from desktop.gui.widgets.dialogs.collection_record import CollectionRecordDialog

        names, _ = QFileDialog.getOpenFileNames(
            self.window, self.tr("Import sources with a collection record"), str(documents()),
            source_filter())
        if not names:
            return
        dialog = CollectionRecordDialog([Path(n) for n in names], self.window)
        if dialog.exec() == CollectionRecordDialog.DialogCode.Accepted:
            self.import_paths([Path(n) for n in names], collection=dialog.values())

    def import_paths(self, paths: Sequence[Path], ocr=None,
                     collection: dict | None = None) -> None:
        """Import files (and the importable files inside folders) off the UI thread; scans
        and images are read with OCR when `ocr` (importing.ocr.OcrOptions) says how; the
        files' collection record is `collection` (domain/collection)."""
        if self.case_file is None:
            self.warn(self.tr("No case is open"),
                      self.tr("Open or create a case before importing sources."))
            return
        from desktop.services import importing

        files = importing.expand_paths(paths)
        if not files:
            self.warn(self.tr("Nothing to import"),
                      self.tr("No .txt, .md, .docx, .html, .mhtml, .warc, .pdf or image files "
                              "were found."))
            return
        actor = self.user()
        label = (i18n.plural(self.tr("Reading %n scan(s) with OCR…", "", len(files)), len(files))
                 if ocr is not None else
                 i18n.plural(self.tr("Importing %n source file(s)…", "", len(files)), len(files)))
        self.run_in_background(
            label,
            lambda progress, cancelled: sources.import_files(
                files, actor=actor, progress=progress, cancelled=cancelled, ocr=ocr,
                collection=collection),
            done=lambda report: self._imported(report, collection),
            failed_title=self.tr("The work could not be finished"),
            cancellable=True)

    def _imported(self, report: sources.ImportReport, collection: dict | None = None) -> None:
        self.publish(report.change)
        if report.imported and self.window.source_view.source_id() is None:
            self.app.reading.open_source(report.imported[0][1])
        if report.cancelled:
            self.inform(self.tr("Import cancelled"),
                        self.tr("Nothing was imported: the case is as it was."))
            return
        scans = report.needs_ocr
        refused = [(path, message) for path, message in report.failed if path not in scans]
        imported, duplicates, failed = (len(report.imported), len(report.duplicates),
                                        len(refused))
        lines = [i18n.plural(self.tr("%n source(s) imported.", "", imported), imported)
                 + (" " + self.tr("An import is not undone: a source stays in the case with "
                                  "its custody record.") if imported else "")]
        if report.duplicates:
            lines.append(i18n.plural(self.tr("%n already in the case (same bytes), skipped:", "",
                                             duplicates), duplicates))
            lines += ["  • " + self.tr("{file} — same as “{title}”").format(
                file=printable(p.name), title=printable(t)) for p, t in report.duplicates[:10]]
        if refused:
            lines.append(i18n.plural(self.tr("%n could not be imported:", "", failed), failed))
            lines += [f"  • {printable(message)}" for _, message in refused[:20]]
        if report.duplicates or refused:
            self.inform(self.tr("Import finished"), "\n".join(lines))
        elif imported or not scans:
            self.status(lines[0])
        if scans:
            self.offer_ocr(scans, collection)

    def offer_ocr(self, paths: Sequence[Path], collection: dict | None = None) -> None:
        """Scans and images had no text: offer to read them with OCR, in chosen languages
        (with the collection record they were being imported with)."""
        from desktop.gui.widgets.dialogs.ocr import OcrDialog
        from desktop.services.importing import ocr

        dialog = OcrDialog(paths, self.window, self.app.settings.ocr_languages())
        if dialog.exec() != OcrDialog.DialogCode.Accepted:
            self.status(i18n.plural(self.tr("%n scan(s) not imported.", "", len(paths)),
                                    len(paths)))
            return
        languages = dialog.languages()
        self.app.settings.set_ocr_languages(languages)
        ready, _ = self.attempt(self.tr("OCR is not available"),
                                lambda: ocr.check_ready(languages))
        if ready:
            self.import_paths(paths, ocr=ocr.OcrOptions(languages), collection=collection)

    # ------------------------------------------------------------ the dossier
    def ask_export_dossier(self) -> None:
        if self.case_file is None:
            return
        from desktop.gui.widgets.dialogs.export_dossier import ExportDossierDialog

        default = self.case_file.with_name(f"{self.case_file.stem} dossier.docx")
        dialog = ExportDossierDialog(default, self.window, self.app.settings.export_choices())
        if dialog.exec() == ExportDossierDialog.DialogCode.Accepted:
            self.app.settings.save_export_choices(dialog.choices())
            self.export_dossier(dialog.path(), dialog.options(), pdf=dialog.wants_pdf())

    def export_dossier(self, path: Path, options, pdf: bool = False) -> None:
        """Write the dossier (export.DossierOptions) off the UI thread, with progress and
        cancel, and then, with `pdf`, its PDF rendition beside it."""
        from desktop.services import export

        actor = self.user()

        def work(progress, cancelled):
            result = export.export_dossier(path, options, actor=actor, progress=progress,
                                           cancelled=cancelled, page_numbers=pdf)
            return result, _rendition(result, actor, progress, cancelled) if pdf else None

        self.run_in_background(
            self.tr("Writing {name}…").format(name=path.name), work,
            done=self._exported, failed=lambda exc: self._export_failed(exc, path, options, pdf),
            failed_title=self.tr("The dossier was not written"), cancellable=True)

    def _exported(self, written) -> None:
        result, pdf = written
        self.publish(changes.trail_only())
        editions = {"full": self.tr("full"), "redacted": self.tr("redacted")}
        text = self.tr(
            "{path}\n\n{incidents}, {spans}, {edition} edition.\nSHA-256 of the file: "
            "{sha256}\n\nThe export is recorded in the case's history with this fingerprint.")\
            .format(path=result.path,
                    incidents=i18n.plural(self.tr("%n incident(s)", "", result.incidents),
                                          result.incidents),
                    spans=i18n.plural(self.tr("%n evidence span(s)", "", result.evidence),
                                      result.evidence),
                    edition=editions.get(result.edition, result.edition),
                    sha256=result.sha256)
        if isinstance(pdf, str):
            text += "\n\n" + self.tr("No PDF: {reason}").format(reason=printable(pdf))
        elif pdf is not None:
            text += "\n\n" + (self.tr("PDF/A beside it: {path}\nSHA-256 of the PDF: {sha256}")
                               if pdf.pdfa else
                               self.tr("PDF beside it (this LibreOffice does not offer PDF/A): "
                                       "{path}\nSHA-256 of the PDF: {sha256}")).format(
                path=pdf.path, sha256=pdf.sha256)
        self.inform(self.tr("Dossier written"), text)

    def _export_failed(self, exc: Exception, path: Path, options, pdf: bool = False) -> None:
        from desktop.services.export import ExportCancelled, NearMissesFound

        if isinstance(exc, ExportCancelled):
            self.status(self.tr("Export cancelled; no file was written."))
        elif isinstance(exc, NearMissesFound):
            self._near_misses_found(
                exc.found, lambda chosen: self.export_dossier(path, chosen, pdf), options)
        else:
            self.warn(self.tr("The dossier was not written"), str(exc))

    def _near_misses_found(self, found: Sequence, write: Callable[[Any], None],
                           options) -> None:
        """List the words that look like a protected name but would not be replaced
        (near_misses.NearMiss): add the ticked ones as spellings and check again, write the
        redacted edition anyway, or write nothing. `write(options)` writes it again."""
        from desktop.gui.widgets.dialogs.near_misses import Choice, NearMissesDialog

        dialog = NearMissesDialog(found, self.window)
        dialog.exec()
        if dialog.choice is Choice.WRITE:
            write(replace(options, accept_near_misses=True))
        elif dialog.choice is Choice.ADD and self.add_spellings(dialog.ticked()):
            write(options)
        else:
            self.status(self.tr("The redacted edition was not written."))

    def add_spellings(self, misses: Sequence) -> bool:
        """Add each near miss's word as a spelling of the person it resembles, one undoable
        edit per person; whether every edit was made."""
        from desktop.services import protection

        people = {p.pseudonym: p for p in protection.protected_people()}
        added: dict[str, list[str]] = {}
        for miss in misses:
            word = re.sub(r"-?\s*⏎\s*", "", miss.word)
            if miss.pseudonym in people and word not in added.setdefault(miss.pseudonym, []):
                added[miss.pseudonym].append(word)
        for pseudonym, words in added.items():
            person = people[pseudonym]
            spellings = [*person.spellings, *words]
            if self.push(self.tr("Add spellings of {pseudonym}").format(pseudonym=pseudonym),
                         lambda pid=person.id, names=spellings: protection.update_protected(
                             pid, actor=self.user(), spellings=names)) is None:
                return False
        return True

    # ------------------------------------------------------------ annotations and registers
    def ask_edition(self, what: str) -> bool | None:
        """Ask whether `what` leaves the case full or redacted: True redacted, False full,
        None cancelled. Redacted is the default: the safe answer for a hurried click."""
        Button = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window, self.tr("Full or redacted?"),
            self.tr("Write {what} as the redacted edition, with every protected person's name "
                    "replaced by their pseudonym (W-001, V-001, P-001)?\n\n"
                    "Yes: redacted, for anyone outside the team.\n"
                    "No: the full edition, with the names.").format(what=what),
            Button.Yes | Button.No | Button.Cancel, Button.Yes)
        return {Button.Yes: True, Button.No: False}.get(answer)

    def ask_export_annotations(self) -> None:
        default = self.case_file.with_name(f"{self.case_file.stem} evidence.jsonld")
        name, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export annotations"), str(default),
            self.tr("W3C Web Annotations (*.jsonld *.json)"))
        if not name:
            return
        redacted = self.ask_edition(self.tr("the annotations"))
        if redacted is None:
            return
        from desktop.services.interchange import w3c

        path, actor = Path(name), self.user()

        def written(count: int) -> None:
            self.publish(changes.trail_only())
            text = (self.tr("Wrote %n redacted annotation(s) to {name}", "", count) if redacted
                    else self.tr("Wrote %n annotation(s) to {name}", "", count))
            self.status(i18n.plural(text, count).format(name=path.name), 8000)

        self.run_in_background(
            self.tr("Writing {name}…").format(name=path.name),
            lambda progress, cancelled: w3c.write_annotations(path, actor=actor,
                                                              redacted=redacted),
            done=written, failed_title=self.tr("The annotations were not written"))

    def ask_import_annotations(self) -> None:
        name, chosen = QFileDialog.getOpenFileName(
            self.window, self.tr("Import annotations"), str(self.case_file.parent),
            ";;".join([self.tr("W3C Web Annotations (*.jsonld *.json)"),
                       self.tr("Hypothesis export (*.json)")]))
        if not name:
            return
        hypothesis_file = chosen.startswith(self.tr("Hypothesis export"))
        self.import_annotation_file(Path(name), hypothesis_file=hypothesis_file)

    def import_annotation_file(self, path: Path, *, hypothesis_file: bool = False) -> None:
        """Import annotations (off the UI thread) and say how each one was anchored; none is
        dropped silently."""
        from desktop.services.interchange import hypothesis, w3c

        actor = self.user()

        def work(progress, cancelled):
            if hypothesis_file:
                return hypothesis.import_hypothesis(hypothesis.read_hypothesis_file(path),
                                                    actor=actor, progress=progress)
            return w3c.import_annotations(w3c.read_annotation_file(path), actor=actor,
                                          taken_from=path.name, progress=progress)

        self.run_in_background(self.tr("Importing {name}…").format(name=path.name), work,
                               done=self._annotations_imported,
                               failed_title=self.tr("The annotations were not imported"))

    def _annotations_imported(self, report) -> None:
        self.app.undo_stack.clear()  # edits before the import may no longer undo cleanly
        self.publish(changes.everything())
        lines = [report.summary()]
        if report.unplaced:
            lines += ["", self.tr("Not placed (nothing was written for these):")]
            lines += [f"  • {item.annotation_id}: “{item.quote[:60]}” — {item.reason}"
                      for item in report.unplaced[:20]]
        self.inform(self.tr("Annotations imported"), "\n".join(lines))

    def ask_export_registers(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self.window, self.tr("Export registers into a folder"), str(self.case_file.parent))
        if not folder:
            return
        redacted = self.ask_edition(self.tr("the registers"))
        if redacted is None:
            return
        from desktop.services import tabular

        stem, actor = self.case_file.stem, self.user()

        def written(paths) -> None:
            self.publish(changes.trail_only())
            self.inform(self.tr("Redacted registers written") if redacted
                        else self.tr("Registers written"), "\n".join(str(p) for p in paths))

        self.run_in_background(
            self.tr("Writing the registers…"),
            lambda progress, cancelled: tabular.export_csv(Path(folder), stem, actor=actor,
                                                           redacted=redacted),
            done=written, failed_title=self.tr("The registers were not written"))

    # ------------------------------------------------------------ the disclosure package
    def ask_export_package(self) -> None:
        default = self.case_file.with_name(f"{self.case_file.stem} disclosure package.zip")
        name, _ = QFileDialog.getSaveFileName(
            self.window, self.tr("Export disclosure package"), str(default),
            self.tr("Disclosure package (*.zip)"))
        if not name:
            return
        redacted = self.ask_edition(self.tr("the disclosure package"))
        if redacted is None:
            return
        Button = QMessageBox.StandardButton
        answer = QMessageBox.question(
            self.window, self.tr("Include drafts?"),
            self.tr("Include the incidents not yet approved (marked DRAFT in the dossier)?"),
            Button.Yes | Button.No | Button.Cancel, Button.No)
        if answer == Button.Cancel:
            return
        from desktop.services import package, words

        self.export_package(Path(name), package.PackageOptions(
            redacted=redacted, drafts=answer == Button.Yes, language=words.language()))

    def export_package(self, path: Path, options) -> None:
        """Write the disclosure package (package.PackageOptions) off the UI thread, with
        progress and cancel."""
        from desktop.services import package

        actor = self.user()
        self.run_in_background(
            self.tr("Writing {name}…").format(name=path.name),
            lambda progress, cancelled: package.build_package(
                path, options, actor=actor, progress=progress, cancelled=cancelled),
            done=self._package_written,
            failed=lambda exc: self._package_failed(exc, path, options),
            failed_title=self.tr("The disclosure package was not written"), cancellable=True)

    def _package_written(self, result) -> None:
        self.publish(changes.trail_only())
        lines = [str(result.path), "",
                 i18n.plural(self.tr("%n file(s) in the package.", "", result.files),
                             result.files),
                 i18n.plural(self.tr("%n original(s) of the cited sources.", "",
                                     result.originals), result.originals)]
        if result.withheld:
            lines.append(self.tr("Left out, as they could name a protected person (listed in "
                                 "the manifest): {sources}").format(
                sources=", ".join(result.withheld)))
        if result.pdf_note:
            lines.append(self.tr("No PDF: {reason}.").format(reason=printable(result.pdf_note)))
        lines += ["", self.tr("SHA-256 of the package: {sha256}\n\nThe export is recorded in "
                              "the case's history with this fingerprint.").format(
            sha256=result.sha256)]
        self.inform(self.tr("Disclosure package written"), "\n".join(lines))

    def _package_failed(self, exc: Exception, path: Path, options) -> None:
        from desktop.services.export import NearMissesFound
        from desktop.services.package import PackageCancelled

        if isinstance(exc, PackageCancelled):
            self.status(self.tr("Export cancelled; no file was written."))
        elif isinstance(exc, NearMissesFound):
            self._near_misses_found(exc.found, lambda chosen: self.export_package(path, chosen),
                                    options)
        else:
            self.warn(self.tr("The disclosure package was not written"), str(exc))

    # ------------------------------------------------------------ hand-over and merge
    def ask_save_handover(self) -> None:
        default = self.case_file.with_name(f"{self.case_file.stem} for review{db.SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save a copy for hand-over"),
                                              str(default), case_filter())
        if not name:
            return
        from desktop.services import handover

        dest, actor = Path(name), self.user()

        def saved(manifest: dict) -> None:
            self.publish(changes.trail_only())
            self.inform(self.tr("Copy saved"), self.tr(
                "{path}\n\nSHA-256 {sha256}\n\nA manifest with this fingerprint, the counts and "
                "the audit chain head is beside it ({manifest}).").format(
                    path=name, sha256=manifest["sha256"],
                    manifest=f"{dest.name}{handover.MANIFEST_SUFFIX}"))

        self.run_in_background(
            self.tr("Writing {name}…").format(name=dest.name),
            lambda progress, cancelled: handover.save_copy(dest, actor=actor),
            done=saved, failed_title=self.tr("The copy was not written"))

    def ask_merge_review(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.window,
                                              self.tr("Merge review from a returned copy"),
                                              str(self.case_file.parent), case_filter())
        if not name:
            return
        from desktop.services import handover

        copy, actor = Path(name), self.user()
        self.run_in_background(
            self.tr("Merging the review from {name}…").format(name=copy.name),
            lambda progress, cancelled: handover.merge_review(copy, actor=actor),
            done=self._merged, failed_title=self.tr("The review was not merged"))

    # ------------------------------------------------------------ check-out and check-in
    def ask_check_out(self) -> None:
        """Write the shared case into a case file for the field (off the UI thread)."""
        if not db.is_server():
            return
        from desktop.gui.widgets.dialogs.check_out import CheckOutDialog
        from desktop.services import checkout

        default = self.case_file.with_name(
            self.tr("{name} for the field").format(name=self.case_file.stem) + db.SUFFIX)
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Check out for offline work"),
                                              str(default), case_filter())
        if not name:
            return
        dest = Path(name)
        dialog = CheckOutDialog(dest.name, self.window)
        if dialog.exec() != CheckOutDialog.DialogCode.Accepted:
            return
        passphrase = dialog.passphrase()

        def checked_out(made) -> None:
            self.publish(changes.trail_only())
            self.inform(self.tr("Checked out"), self.tr(
                "{path}\n\nSHA-256 {sha256}\n\nIts manifest is beside it ({manifest}). Check "
                "the file in to this shared case when the work is done (File → Check in to "
                "server…).").format(path=name, sha256=made.sha256,
                                     manifest=made.manifest_path.name))

        self.run_in_background(
            self.tr("Checking out into {name}…").format(name=dest.name),
            lambda progress, cancelled: checkout.check_out(
                dest, passphrase=passphrase, progress=progress, cancelled=cancelled),
            done=checked_out, failed_title=self.tr("The copy was not written"),
            cancellable=True)

    def ask_check_in(self) -> None:
        """Open the shared case this file was checked out from and bring the file's work
        back to it (off the UI thread), then say what came back and what was left."""
        from desktop.services import case as case_service
        from desktop.services import checkout

        path, origin = self.case_file, case_service.checkout_origin()
        if path is None or origin is None:
            self.warn(self.tr("Not a checked-out case"), self.tr(
                "{name} was not checked out from a shared case; there is nothing to check "
                "in.").format(name=path.name if path else ""))
            return
        url, ok = QInputDialog.getText(
            self.window, self.tr("Check in to server"),
            self.tr("The shared case that {name} was checked out from (the password comes from "
                    "your .pgpass or service file):").format(name=path.name),
            text=origin.get("server", ""))
        if not ok or not url.strip():
            return
        passphrase = None
        if case_service.is_encrypted():
            passphrase, ok = QInputDialog.getText(
                self.window, self.tr("Check in to server"),
                self.tr("{name} is encrypted. Its passphrase:").format(name=path.name),
                QLineEdit.EchoMode.Password)
            if not ok or not passphrase:
                return
        if not self.app.cases.open_shared_case(url.strip()):
            if not db.is_open():
                self.app.cases.open_case(path, passphrase)
            return
        def refused(exc: Exception) -> None:
            # the copy open again, as before the check-in was asked, not the shared case
            # (perhaps another one than the copy's) that the refusal was read against
            self.app.cases.open_case(path, passphrase)
            self.warn(self.tr("The copy was not checked in"),
                      str(exc) if isinstance(exc, CasefileError) else files.failure_reason(exc))

        self.run_in_background(
            self.tr("Checking in {name}…").format(name=path.name),
            lambda progress, cancelled: checkout.check_in(path, passphrase=passphrase),
            done=self._checked_in, failed_title=self.tr("The copy was not checked in"),
            failed=refused)

    def _checked_in(self, report) -> None:
        self.app.undo_stack.clear()  # the case changed under its history
        self.publish(changes.everything())
        lines = [report.summary(), "", *report.numbers[:15], *report.edits[:15],
                 *report.decisions[:15]]
        if report.conflicts:
            lines += ["", self.tr("Conflicts (left for a person to decide):"),
                      *report.conflicts[:20]]
        self.inform(self.tr("Checked in"), "\n".join(lines))

    def _merged(self, report) -> None:
        self.app.undo_stack.clear()  # edits before the merge may no longer undo cleanly
        self.publish(changes.everything())
        lines = [report.summary(), *report.applied[:15]]
        if report.conflicts:
            lines += ["", self.tr("Conflicts (left as they are here):"), *report.conflicts[:15]]
        self.inform(self.tr("Review merged"), "\n".join(lines))
