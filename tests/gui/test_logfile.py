"""The window's log file: records logged before it opens (start-up, until the first paint) are
held and written to it first, in their order; nothing is held once it is open."""

import logging

import pytest

from desktop.gui import logfile


@pytest.fixture
def root_handlers(monkeypatch, tmp_path):
    """The root logger as the test found it afterwards, the log file in tmp_path, and no
    start_logging left for the test process's exit."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    for handler in before:  # a log file an earlier test opened is not this one's
        root.removeHandler(handler)
    exits = []
    monkeypatch.setattr(logfile.atexit, "register", exits.append)
    monkeypatch.setattr(logfile, "log_path", lambda: tmp_path / "logs" / "casefile.log")
    yield exits
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    for handler in before:
        root.addHandler(handler)
    root.setLevel(level)


def test_records_held_at_start_up_reach_the_file_first_and_in_order(root_handlers, tmp_path):
    log = logging.getLogger("desktop.test")
    logfile.hold_records()
    logfile.hold_records()  # once is enough: one holder, one exit hook
    assert root_handlers == [logfile.start_logging]
    log.info("opened case %s", "demo.casefile")
    log.warning("a second record")
    log_file = tmp_path / "logs" / "casefile.log"
    assert not log_file.exists()  # nothing opened before the first paint
    assert logfile.start_logging() == log_file
    log.error("after the file opened")
    for handler in logging.getLogger().handlers:
        handler.flush()
    lines = log_file.read_text(encoding="utf-8").splitlines()
    assert [line.split(": ", 1)[1] for line in lines] == [
        "opened case demo.casefile", "a second record", "after the file opened"]
    assert " INFO desktop.test: " in lines[0] and " ERROR desktop.test: " in lines[2]
    assert not any(isinstance(h, logfile._Held) for h in logging.getLogger().handlers)


def test_a_second_start_keeps_one_file_handler_and_writes_each_record_once(root_handlers,
                                                                           tmp_path):
    logfile.start_logging()
    logfile.start_logging()  # as the exit hook does after the window opened the file
    from logging.handlers import RotatingFileHandler

    files = [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]
    assert len(files) == 1
    logging.getLogger("desktop.test").info("once")
    files[0].flush()
    text = (tmp_path / "logs" / "casefile.log").read_text(encoding="utf-8")
    assert text.count("once") == 1
