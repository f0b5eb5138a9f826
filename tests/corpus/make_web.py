"""Make the corpus's web captures with real tools, beside their expected texts.

The news pages here are written like Ukrainian news sites, in Ukrainian and in Russian, with
"До теми", "Новини партнерів", "По теме" and "Загрузка…" blocks. Two of them are served by a
local http.server: warcio records a capture of one while urllib fetches it (`capture_http`, as
a crawler would), gzipped and plain, and wget writes a WARC of the other; Chromium saves the
Russian page as MHTML (headless, through its DevTools protocol's Page.captureSnapshot, the
same writer as "Save page as… single file"), and the stdlib email package writes an MHTML
capture with a Date header and a picture part, laid out as Chrome writes one.
Run: .venv/bin/python tests/corpus/make_web.py   (Chromium: Debian's chromium-headless-shell)
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
from datetime import UTC, datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent / "web"

#: The article each page carries: what a reader of it reads, without the page's furniture.
ARTICLES = {
    "news_related_blocks.html": """\
Російські військові розстріляли шістьох українських військовополонених на Покровському \
напрямку, повідомив Офіс Генерального прокурора. Бійці склали зброю і не чинили опору.
За даними слідства, полонених вивели з бліндажа та розстріляли з автоматів. Відеозапис страти \
оприлюднили в мережі, його проаналізували фахівці.
Розпочато досудове розслідування за частиною другою статті 438 Кримінального кодексу України — \
порушення законів та звичаїв війни, поєднане з умисним вбивством.
Уповноважений Верховної Ради з прав людини назвав це черговим воєнним злочином і звернувся до \
Міжнародного комітету Червоного Хреста та ООН.
""",
    "news_div_soup.html": """\
Під Курськом розстріляли дев'ятьох полонених
10 жовтня 2024, 18:45
Російські військові розстріляли дев'ятьох українських полонених біля Зеленого Шляху в Курській \
області, повідомив Генеральний прокурор.
Про страту стало відомо з відео, яке поширили в російських телеграм-каналах. На записі видно \
тіла військових, які склали зброю.
Прокурори відкрили кримінальне провадження за статтею 438 Кримінального кодексу. Слідство \
встановлює підрозділ, бійці якого вчинили злочин.
Це не перший такий випадок: раніше місія ООН з моніторингу прав людини повідомляла про десятки \
страт військовополонених з серпня 2024 року.
""",
    "news_ru_lazy_widgets.html": """\
Российские военные расстреляли двух украинских военнопленных вблизи Работино в Запорожской \
области, сообщила Запорожская областная прокуратура.
По данным следствия, бойцы попали в плен во время штурма позиций. Их разоружили, после чего \
расстреляли из стрелкового оружия.
Начато досудебное расследование по части второй статьи 438 Уголовного кодекса Украины — \
нарушение законов и обычаев войны, совершенное вместе с умышленным убийством.
Прокуроры устанавливают подразделение и личности военных, причастных к преступлению.
""",
}
#: The words of each page's furniture: none of them may reach the working copy.
FURNITURE = {
    "news_related_blocks.html": ["До теми", "Новини партнерів", "Загрузка", "Читайте також",
                                 "зимові шини", "Гороскоп", "Курс долара", "Усі права"],
    "news_div_soup.html": ["До теми", "Новини партнерів", "Загрузка", "Генпрокурор: з початку",
                           "подовжує життя", "доплату до пенсії", "Головне за день"],
    "news_ru_lazy_widgets.html": ["Читайте также", "По теме", "Новости партнеров", "Загрузка",
                                  "дешевые дрова", "Курс валют", "Перепечатка"],
}
#: When the MHTML capture was saved (its Date header), and the URL it was saved from.
MHTML_SAVED = datetime(2025, 1, 23, 13, 5, 7, tzinfo=UTC)
MHTML_URL = "https://novyny-donbasu.example/war/2025/01/23/rozstril-polonenykh.html"
#: Chromium's own capture of the Russian page.
CHROMIUM_MHTML = "news_ru_lazy_widgets_chromium.mhtml"
# A 1×1 PNG: the page's picture, as a browser keeps it beside the page in the capture.
_PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8Bw"
                          "HgAFgwJ/lK3Q6wAAAABJRU5ErkJggg==")


def write_expected() -> None:
    for name, text in ARTICLES.items():
        (HERE / f"{name}.expected.txt").write_text(text, encoding="utf-8")
    (HERE / "news_related_blocks.mhtml.expected.txt").write_text(
        ARTICLES["news_related_blocks.html"], encoding="utf-8")
    (HERE / "news_related_blocks_wget.warc.expected.txt").write_text(
        ARTICLES["news_related_blocks.html"], encoding="utf-8")
    for suffix in (".warc", ".warc.gz"):
        (HERE / f"news_div_soup{suffix}.expected.txt").write_text(
            ARTICLES["news_div_soup.html"], encoding="utf-8")
    (HERE / f"{CHROMIUM_MHTML}.expected.txt").write_text(
        ARTICLES["news_ru_lazy_widgets.html"], encoding="utf-8")


def make_mhtml() -> None:
    """A capture as Chrome writes one: the page quoted-printable, its picture in base64."""
    capture = EmailMessage(policy=SMTP)
    capture["From"] = "<Saved by Blink>"
    capture["Snapshot-Content-Location"] = MHTML_URL
    capture["Subject"] = "Окупанти розстріляли шістьох полонених на Покровському напрямку"
    capture["Date"] = format_datetime(MHTML_SAVED)
    capture.set_content((HERE / "news_related_blocks.html").read_text(encoding="utf-8"),
                        subtype="html", cte="quoted-printable")
    capture.make_related()
    root = capture.get_payload()[0]
    root["Content-ID"] = "<frame-1F2E3D@mhtml.blink>"
    root["Content-Location"] = MHTML_URL
    capture.add_related(_PIXEL, maintype="image", subtype="png", cid="<pixel@mhtml.blink>")
    capture.get_payload()[1]["Content-Location"] = "https://cdn.static-news.example/1.png"
    capture.set_param("type", "text/html")
    (HERE / "news_related_blocks.mhtml").write_bytes(capture.as_bytes())


def make_chromium_mhtml() -> None:
    """Chromium's own MHTML of the Russian page, served by a local server: what a browser's
    "Save page as… single file" writes (Blink's MHTML writer), scripts run first."""
    browser = shutil.which("chromium-headless-shell") or shutil.which("chromium")
    if browser is None:
        raise SystemExit("make_web: Chromium is needed for the MHTML capture: "
                         "sudo apt-get install chromium-headless-shell")
    with _served() as base, tempfile.TemporaryDirectory() as profile:
        capture = _DevTools(browser, profile)
        try:
            (HERE / CHROMIUM_MHTML).write_bytes(
                capture.snapshot(f"{base}/news_ru_lazy_widgets.html").encode("utf-8"))
        finally:
            capture.close()


class _DevTools:
    """Chromium driven through its DevTools protocol over a pipe (--remote-debugging-pipe:
    JSON messages ending in NUL, commands on fd 3, answers and events on fd 4)."""

    def __init__(self, browser: str, profile: str) -> None:
        ours_to_chrome, self._commands = os.pipe()
        self._answers, chrome_to_ours = os.pipe()

        def pipes() -> None:  # in the child, before exec: the pipe ends become fd 3 and 4
            reads, writes = os.dup(ours_to_chrome), os.dup(chrome_to_ours)  # above 4
            os.dup2(reads, 3)
            os.dup2(writes, 4)

        self._process = subprocess.Popen(
            [browser, "--headless", "--remote-debugging-pipe", "--no-sandbox",
             "--disable-gpu", f"--user-data-dir={profile}", "--no-first-run", "about:blank"],
            preexec_fn=pipes, close_fds=False,  # noqa: PLW1509 - only fd 3 and 4 are inherited
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(ours_to_chrome)
        os.close(chrome_to_ours)
        self._next, self._buffer = 0, b""

    def call(self, method: str, session: str | None = None, **params) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._next:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                return answer["result"]

    def snapshot(self, url: str) -> str:
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session)
        self.call("Page.navigate", session, url=url)
        for _ in range(200):
            state = self.call("Runtime.evaluate", session, expression="document.readyState")
            if state["result"].get("value") == "complete":
                break
        return self.call("Page.captureSnapshot", session, format="mhtml")["data"]

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._answers, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed its DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self) -> None:
        with contextlib.suppress(RuntimeError):  # it may close the pipe before answering
            self.call("Browser.close")
        try:
            self._process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self._process.kill()
        os.close(self._commands)
        os.close(self._answers)


@contextlib.contextmanager
def _served():
    """The corpus's web folder on a local HTTP server, as its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(HERE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def make_warcs() -> None:
    """warcio's capture of the page fetched from a local server, plain and gzipped."""
    import urllib.request
    from importlib.metadata import version

    from warcio.capture_http import capture_http  # records what http.client sends and gets
    from warcio.warcwriter import WARCWriter

    warcio_version = version("warcio")

    with _served() as base:
        url = f"{base}/news_div_soup.html"
        for name, gzip in (("news_div_soup.warc", False), ("news_div_soup.warc.gz", True)):
            with (HERE / name).open("wb") as target:
                writer = WARCWriter(target, gzip=gzip)
                writer.write_record(writer.create_warcinfo_record(name, {
                    "software": f"warcio/{warcio_version} capture_http",
                    "format": "WARC File Format 1.0"}))
                with capture_http(writer), urllib.request.urlopen(url) as response:
                    response.read()
        # And as wget's own WARC output writes it (warcinfo, request, response, its log).
        subprocess.run(["wget", "--quiet", "--no-warc-compression", "--warc-file",
                        str(HERE / "news_related_blocks_wget"), "--output-document",
                        "/dev/null", url.replace("news_div_soup", "news_related_blocks")],
                       check=True, timeout=60)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's own signature
        pass


if __name__ == "__main__":
    write_expected()
    make_mhtml()
    make_chromium_mhtml()
    make_warcs()
