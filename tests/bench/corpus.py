"""A deterministic corpus of news-like sources for the benchmarks.

Text `i` depends only on `(seed, i)`, so the first 2,000 texts of a 20,000-text corpus are the
2,000 texts of a smaller run. Words are drawn from a Zipf-ranked vocabulary of a few thousand
English and Ukrainian words (function words first, then news words, then a long tail of rarer
forms), so common words match most sources and rare words a handful, as in a real case. Place
names, numbers, dates and a reference number are woven in; every text is unique.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SEED = 20240822
TEXT_BYTES = 5_000  # the average size of a text, in UTF-8 bytes


def _words(text: str) -> list[str]:
    return text.split()


EN_FUNCTION = _words("""
the of and to in a that was on for with by as at from is were said had his it their which
after this have are be has been not who an its they or also but more than during one two were
near about into other over when where some all there would can could them these under while
""")

EN_NEWS = _words("""
Russian forces Ukrainian military civilians killed wounded attack shelling village city region
soldiers prisoners war according report residents officials troops strike drone missile
people area local district police investigators prosecutors prosecutor office evidence
witnesses victims bodies video footage executed execution surrendered captured occupied
occupation front line positions assault brigade battalion unit commander army defence
ministry general staff statement Monday Tuesday Wednesday Thursday Friday Saturday Sunday
morning evening night hospital school building houses homes damaged destroyed injured
children women men elderly humanitarian corridor evacuation evacuated shelter basement
artillery rockets bombs glide aerial tank infantry mortar fire ceasefire negotiations
exchange returned released detained detention torture tortured beaten interrogated
camp filtration deported deportation missing identified exhumed grave mass burial
forensic examination experts journalists reporters media channel Telegram published posted
claimed denied confirmed verified geolocated satellite images analysis sources according
criminal proceedings investigation charges suspect suspicion indictment court trial verdict
sentenced violation violations law international humanitarian convention Geneva crime
crimes against humanity genocide war-crime responsibility accountability tribunal ICC
United Nations monitoring mission human rights commission observers documented cases
incidents separate reported increase sharp concern called condemned demanded urged
government president minister spokesperson head deputy governor mayor council
administration regional military administration emergency service rescuers firefighters
rubble debris power outage electricity water gas infrastructure energy facility plant
railway station bridge road highway checkpoint border crossing territory advance
offensive counteroffensive retreat withdrawal encircled surrounded siege blockade
humanitarian aid convoy supplies food medicine volunteers organisation Red Cross
ICRC access visit detainees conditions medical care treatment wounded soldiers body
remains repatriation identification DNA relatives families mother father son daughter
brother wife husband grandfather neighbour friend teacher doctor nurse driver farmer
worker priest student volunteer journalist photographer cameraman fixer interpreter
interview testimony account described recalled saw heard ran hid fled returned waited
shot shooting gunfire automatic rifle pistol grenade explosion blast shrapnel fragments
crater impact launcher cluster munitions submunitions thermobaric incendiary phosphorus
chemical gas tear irritant respiratory protection mask symptoms poisoning hospitalised
""")

UK_FUNCTION = _words("""
і в на що з у до про за від як та не по після це було також його які але під через під час
їх ще він вона вони був була були який яка які між біля поблизу коли де тому щоб або вже
""")

UK_NEWS = _words("""
російські війська українські військові цивільні загинули поранені атака обстріл обстрілу
обстрілом обстріли село селі міста місто область області районі район громади громада
солдати полонені полонених військовополонених війна звіт мешканці посадовці удар дрон
ракета ракетний люди поліція слідчі прокурори прокуратура офіс генерального прокурора
докази свідки жертви тіла відео запис розстріл розстріляли здалися полон окупанти
окупація окупованій лінія фронту позиції штурм бригада батальйон підрозділ командир армія
міністерство оборони генеральний штаб заява понеділок вівторок середа четвер пʼятниця
субота неділя ранок вечір ніч лікарня школа будинок будинки пошкоджено зруйновано
діти жінки чоловіки літні гуманітарний коридор евакуація евакуйовано укриття підвал
артилерія ракети бомби керовані авіабомби танк піхота міномет вогонь перемовини обмін
повернули звільнили затримали катування катували допит табір фільтрація депортація
депортували зниклі безвісти ідентифікували ексгумація поховання масове експертиза
журналісти медіа канал опублікували заперечили підтвердили кримінальне провадження
розслідування підозра обвинувачення суд вирок порушення міжнародного гуманітарного права
конвенції женевської злочин злочини проти людяності геноцид відповідальність трибунал
місія моніторингу прав людини спостерігачі задокументувала випадків інцидентів повідомила
уряд президент міністр речник голова заступник губернатор мер рада адміністрація
обласна військова адміністрація рятувальники пожежники уламки знеструмлення
електроенергія вода газ інфраструктура енергетика залізнична станція міст дорога
блокпост кордон територія наступ контрнаступ відступ оточення облога гуманітарна допомога
волонтери організація червоний хрест доступ відвідування умови медична допомога тіло
рештки репатріація ідентифікація ДНК родичі родини мати батько син донька брат дружина
чоловік сусід вчитель лікар медсестра водій фермер священник студент журналістка інтервʼю
свідчення розповів розповіла бачив чув втік сховався повернувся стріляли постріл вибух
осколки вирва касетні боєприпаси термобаричні запалювальні фосфор хімічна зброя отруєння
""")

PLACES_EN = """
Pokrovsk|Zelenyy Shlyakh|Sukhyi Yar|Bakhmut|Avdiivka|Kupiansk|Kharkiv|Kherson|Zaporizhzhia
|Mariupol|Izium|Bucha|Irpin|Hostomel|Chernihiv|Sumy|Kursk|Vovchansk|Toretsk|Chasiv Yar
|Kramatorsk|Sloviansk|Lyman|Robotyne|Vuhledar|Marinka|Selydove|Myrnohrad|Kostiantynivka
|Nikopol|Odesa|Mykolaiv|Dnipro|Kryvyi Rih|Velyka Novosilka|Krasnohorivka|Ocheretyne
|Novohrodivka|Kurakhove|Siversk|Lysychansk|Sievierodonetsk|Olenivka|Kyiv|Lviv|Berdiansk
""".replace("\n", "").split("|")

PLACES_UK = """
Покровськ|Зелений Шлях|Сухий Яр|Бахмут|Авдіївка|Куп'янськ|Харків|Херсон|Запоріжжя
|Маріуполь|Ізюм|Буча|Ірпінь|Гостомель|Чернігів|Суми|Курськ|Вовчанськ|Торецьк|Часів Яр
|Краматорськ|Слов'янськ|Лиман|Роботине|Вугледар|Мар'їнка|Селидове|Мирноград|Костянтинівка
|Нікополь|Одеса|Миколаїв|Дніпро|Кривий Ріг|Велика Новосілка|Красногорівка|Очеретине
|Новогродівка|Курахове|Сіверськ|Лисичанськ|Сєвєродонецьк|Оленівка|Київ|Львів|Бердянськ
""".replace("\n", "").split("|")

PUBLISHERS = (
    "Ukrainska Pravda", "Suspilne", "Kyiv Independent", "Hromadske", "Reuters", "AP",
    "OHCHR", "Office of the Prosecutor General", "Ukrinform", "Slidstvo.Info", "Зеркало тижня",
    "Радіо Свобода", "Українська правда", "Суспільне", "Громадське",
)

MONTHS_EN = _words("""
January February March April May June July August September October November December
""")
MONTHS_UK = _words("""
січня лютого березня квітня травня червня липня серпня вересня жовтня листопада грудня
""")

_EN_SYLLABLES = _words("""
ka ri to ne va lo mi sa de po ru li an er on st tr ch sh br ve gr ol en ar um in ex pro con dis
ment tion al ic ous ive
""")
_UK_SYLLABLES = _words("""
ка ри то не ва ло ми са де по ру лі ан ер он ст тр ч ш бр ве гр ол ен ар ум ін пере при від ння
ість ськ ий ого ому ами ах
""")
_UK_ENDINGS = ("а", "у", "ом", "и", "ів", "ами", "ах", "ою", "і", "ові")
_EN_ENDINGS = ("s", "ed", "ing", "er", "ly")


def _tail(rng: random.Random, syllables: list[str], count: int, taken: set[str]) -> list[str]:
    """`count` made-up words (names, terms, inflected forms): the long tail of the vocabulary."""
    words: list[str] = []
    while len(words) < count:
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if len(word) >= 5 and word not in taken:
            taken.add(word)
            words.append(word)
    return words


def _inflected(rng: random.Random, words: list[str], endings: tuple[str, ...],
               count: int, taken: set[str]) -> list[str]:
    forms: list[str] = []
    for _ in range(count * 4):
        stem = rng.choice(words).rstrip("аеиіоуяьйeyo")
        form = stem + rng.choice(endings)
        if form not in taken and len(form) > 3:
            taken.add(form)
            forms.append(form)
        if len(forms) == count:
            break
    return forms


@dataclass(frozen=True)
class Vocabulary:
    """One language's words, most frequent first, with cumulative Zipf weights."""

    words: tuple[str, ...]
    cum_weights: tuple[float, ...]

    @classmethod
    def ranked(cls, words: list[str], exponent: float = 1.0) -> Vocabulary:
        weights = [1.0 / (rank + 2.7) ** exponent for rank in range(len(words))]
        return cls(tuple(words), tuple(itertools.accumulate(weights)))

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum_weights, k=k)


def _build_vocabularies() -> tuple[Vocabulary, Vocabulary]:
    rng = random.Random(SEED)
    taken: set[str] = set()
    en_news = list(dict.fromkeys(EN_NEWS))
    uk_news = list(dict.fromkeys(UK_NEWS))
    taken.update(EN_FUNCTION, en_news, UK_FUNCTION, uk_news)
    en = (list(dict.fromkeys(EN_FUNCTION)) + en_news
          + _inflected(rng, en_news, _EN_ENDINGS, 300, taken)
          + _tail(rng, _EN_SYLLABLES, 1200, taken))
    uk = (list(dict.fromkeys(UK_FUNCTION)) + uk_news
          + _inflected(rng, uk_news, _UK_ENDINGS, 500, taken)
          + _tail(rng, _UK_SYLLABLES, 800, taken))
    return Vocabulary.ranked(en), Vocabulary.ranked(uk)


EN, UK = _build_vocabularies()
VOCABULARY_SIZE = len(EN.words) + len(UK.words)


_PLACE_WEIGHTS = tuple(itertools.accumulate(1.0 / (r + 1) for r in range(len(PLACES_EN))))


def _place(rng: random.Random) -> int:
    """The index of a place, Zipf-distributed: Pokrovsk is in the news far more than Berdiansk."""
    return rng.choices(range(len(PLACES_EN)), cum_weights=_PLACE_WEIGHTS)[0]


def _date(rng: random.Random, ukrainian: bool) -> str:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice((2022, 2023, 2024))
    style = rng.random()
    if style < 0.4:
        months = MONTHS_UK if ukrainian else MONTHS_EN
        return f"{day} {months[month - 1]} {year}" + (" року" if ukrainian else "")
    if style < 0.7:
        return f"{day:02d}.{month:02d}.{year}"
    return f"{year}-{month:02d}-{day:02d}"


def _number(rng: random.Random) -> str:
    return str(rng.choice((rng.randint(2, 30), rng.randint(31, 500), rng.randint(1000, 99999))))


def _sentence(rng: random.Random, ukrainian: bool, home: int) -> str:
    vocab = UK if ukrainian else EN
    places = PLACES_UK if ukrainian else PLACES_EN
    words = vocab.sample(rng, rng.randint(8, 26))
    extras = []
    if rng.random() < 0.35:
        # Each text has a place it is about; other places come up less often.
        index = home if rng.random() < 0.6 else _place(rng)
        extras.append(places[index])
    if rng.random() < 0.25:
        extras.append(_number(rng))
    if rng.random() < 0.15:
        extras.append(_date(rng, ukrainian))
    for extra in extras:
        words.insert(rng.randrange(1, len(words)), extra)
    if rng.random() < 0.3:
        words[rng.randrange(2, len(words) - 1)] += ","
    words[0] = words[0][:1].upper() + words[0][1:]
    sentence = " ".join(words) + rng.choice(".....!?")
    return f"“{sentence}”" if rng.random() < 0.05 else sentence


def text(i: int, seed: int = SEED, size: int = TEXT_BYTES) -> str:
    """Source text number `i`: about `size` UTF-8 bytes (±20 %), unique to `(seed, i)`."""
    rng = random.Random(seed * 1_000_003 + i)
    mode = rng.random()  # 55 % English, 30 % Ukrainian, 15 % both, paragraph by paragraph
    ukrainian = mode >= 0.55 and mode < 0.85
    home = _place(rng)
    target = int(size * rng.uniform(0.8, 1.2))
    places = PLACES_UK if ukrainian else PLACES_EN
    title = " ".join(w for w in (UK if ukrainian else EN).sample(rng, 6)).capitalize()
    header = (f"{title}: {places[home]}, {_number(rng)}\n"
              f"{rng.choice(PUBLISHERS)}, {_date(rng, ukrainian)}. Ref. CF-{seed % 10_000}-{i:07d}"
              "\n\n")
    parts = [header]
    length = len(header.encode())
    while length < target:
        paragraph_uk = (rng.random() < 0.5) if mode >= 0.85 else ukrainian
        paragraph = " ".join(_sentence(rng, paragraph_uk, home)
                             for _ in range(rng.randint(3, 6))) + "\n\n"
        parts.append(paragraph)
        length += len(paragraph.encode())
    return "".join(parts).rstrip() + "\n"


def texts(count: int, start: int = 0, seed: int = SEED) -> Iterator[str]:
    for i in range(start, start + count):
        yield text(i, seed)


def write_files(folder: Path, count: int, seed: int = SEED) -> list[Path]:
    """Write texts 0..count-1 as UTF-8 `.txt` files into `folder`; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, body in enumerate(texts(count, seed=seed)):
        path = folder / f"source_{i:06d}.txt"
        path.write_bytes(body.encode("utf-8"))
        paths.append(path)
    return paths


def queries() -> list[str]:
    """About fifty realistic searches: words of every frequency, pairs, phrases, prefixes."""
    en_content = [w for w in EN.words if w not in EN_FUNCTION]
    uk_content = [w for w in UK.words if w not in UK_FUNCTION]
    ranks = (0, 2, 5, 10, 20, 40, 80, 150, 250, 400, 700, 1000, 1400)
    single_en = [en_content[r] for r in ranks if r < len(en_content)]
    single_uk = [uk_content[r] for r in ranks[::2] if r < len(uk_content)]
    places = ["Pokrovsk", "Kupiansk", "Olenivka", "Berdiansk", "Покровськ", "Оленівка"]
    pairs = [
        "Russian forces", "prisoners executed", "drone civilians", "shelling hospital",
        "prosecutors investigation", "surrendered soldiers", "mass grave", "cluster munitions",
        "полонених розстріл", "обстріл лікарня", "Pokrovsk shelling", "Bucha bodies",
    ]
    syntax = [
        '"Zelenyy Shlyakh"', '"Sukhyi Yar"', '"Сухий Яр"', '"prisoners of war"',
        '"front line"', "evacu*", "Pokrov*", "обстріл*", "tortur*",
        "drone OR missile", "NEAR(prisoners executed, 10)", "shelling NOT Kharkiv",
    ]
    return single_en + single_uk + places + pairs + syntax
