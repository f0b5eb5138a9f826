"""A training case of fictional statements, for showing and testing the redacted edition.

Everything in it is invented and says so in its own text: the village, the people, the events.
A Ukrainian witness statement (cp1251, named after the witness) names the witness in six
grammatical cases, by surname alone, with initials before and after, and split by a line-end
hyphen; a Russian statement names the victim in five cases and with an initial. Both people
are protected, each with a Cyrillic and a Latin spelling.
"""

from __future__ import annotations

from pathlib import Path

from desktop.domain import db
from desktop.services import evidence, incidents, protection, review, sources

TITLE = "Навчальна справа (вигадані свідчення): затримання в селі Вигадане"
DOCUMENTER = "Olena Kovalenko"
REVIEWER = "Iryna Bondarenko"

WITNESS = ("Олександр Петренко", "Oleksandr Petrenko")
VICTIM = ("Марина Кравцова", "Maryna Kravtsova")

UKRAINIAN = (
    "НАВЧАЛЬНИЙ ПРИКЛАД. Усі особи, місця та події в цьому тексті вигадані.\n\n"
    "Протокол опитування свідка. Свідок Олександр Петренко, 1979 року народження, мешканець "
    "села Вигадане, повідомив таке.\n\n"
    "3 березня 2025 року близько 07:00 до будинку Олександра Петренка прийшли четверо "
    "озброєних людей у формі без розпізнавальних знаків. Олександрові Петренку наказали лягти "
    "на підлогу. Разом з Олександром Петренком затримали його сусіда. Про Петренка згодом "
    "питали в сільській раді.\n\n"
    "Свідок О. Петренко також повідомив, що його дві доби тримали в підвалі школи разом з "
    "іншими жителями села. Протокол підписав Петренко О. М. Сусідка бачила, як Петрен-\n"
    "ка виводили з двору.\n"
)
RUSSIAN = (
    "УЧЕБНЫЙ ПРИМЕР. Все лица, места и события в этом тексте вымышлены.\n\n"
    "Показания потерпевшей. Марина Кравцова сообщила, что 3 марта 2025 года её задержали на "
    "блокпосту у села Вигадане. Марину Кравцову держали в подвале школы вместе с другими "
    "жителями. У Марины Кравцовой отобрали телефон и паспорт. С Мариной Кравцовой обращались "
    "грубо. О Кравцовой известно также из письма её сестры. Протокол подписала М. Кравцова.\n"
)


def _mark(source_id: int, quote: str, incident: int, **values) -> int:
    start = sources.source_text(source_id).index(quote)
    return evidence.add_evidence(source_id, start, start + len(quote), actor=DOCUMENTER,
                                 incident=incident, **values).id


def build_fictional_case(path: Path, folder: Path) -> None:
    """Create the training case at `path` (left open), its statements written into `folder`:
    one incident, approved through review, its facts backed by quotes that name both
    protected people."""
    db.new_case(path, TITLE, actor=DOCUMENTER, reference="TRAINING-001")
    statement = folder / "svidchennia-petrenko.txt"
    statement.write_bytes(UKRAINIAN.encode("cp1251"))
    testimony = folder / "pokazaniia-kravtsova.txt"
    testimony.write_text(RUSSIAN, encoding="utf-8")
    uk, ru = sources.import_files([statement, testimony], actor=DOCUMENTER).source_ids
    sources.update_source(uk, actor=DOCUMENTER, author=WITNESS[1],
                          title="Протокол опитування свідка Олександра Петренка",
                          publisher="Вигадана правозахисна група")
    sources.update_source(ru, actor=DOCUMENTER, title="Показания Марины Кравцовой",
                          author=VICTIM[1], publisher="Вигадана правозахисна група")
    incident = incidents.create_incident(actor=DOCUMENTER,
                                         title="Затримання жителів села Вигадане").id
    incidents.update_incident(
        incident, actor=DOCUMENTER, date_start="2025-03-03", time="07:00",
        place="Вигадане (вигадане село)", victims_min=2, victims_max=2,
        victims_named=f"{WITNESS[0]}; {VICTIM[0]}",
        narrative="3 березня 2025 року озброєні люди затримали Олександра Петренка та Марину "
                  "Кравцову; обох тримали в підвалі школи.")
    marked = [
        _mark(uk, "3 березня 2025 року близько 07:00", incident, supports="date",
              asserted_value="2025-03-03"),
        _mark(uk, "Олександрові Петренку наказали лягти на підлогу. Разом з Олександром "
                  "Петренком затримали його сусіда.", incident, supports="narrative"),
        _mark(uk, "Протокол підписав Петренко О. М. Сусідка бачила, як Петрен-\nка виводили "
                  "з двору.", incident, supports="narrative"),
        _mark(ru, "Марину Кравцову держали в подвале школы вместе с другими жителями.",
              incident, supports="place"),
    ]
    protection.add_protected(list(WITNESS), "witness", actor=DOCUMENTER)
    protection.add_protected(list(VICTIM), "victim", actor=DOCUMENTER)
    review.review_evidence(marked, "approved", actor=REVIEWER)
    review.submit_incident(incident, actor=DOCUMENTER)
    review.approve_incident(incident, actor=REVIEWER,
                            comment="Signed off: both statements agree on the date and place.")
