"""Pure quantity normalizer: finds stated quantities in text and reads value, bounds and unit.

"some 2,500" → 2500 (approximate); "more than $4 billion" → lower 4e9 USD; "1.2bn", "$80m", "5k";
"twenty-five", "a dozen", "half of"; "12 percent"; "between 5 and 10", "5-10", "5 to 10
thousand" → lower and upper; "several", "dozens", "hundreds of thousands" → documented minimums
(`data/vague_quantities.json`). No spaCy here: the figures component adds what needs a parse
(what is counted, change vs level, dates and names that are not figures).

Guards for quantulum3's known failure modes (PITFALLS.md): ranges are read here, never collapsed
to a mean; magnitude suffixes after a currency are scales, not metres; quantulum3 runs only on a
short candidate "number + unit word" string, without its classifier, and its result is accepted only
for physical dimensions; every span is given by offsets into the input text.

Conventions (documented for users of `value`): a bounded figure keeps its number as `value`
("more than 30" → value 30, lower 30); a range's `value` is its lower end (a minimum, like the vague
quantities); a vague quantity has value = lower = its minimum and is not `approximate`.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Quantity:
    """A stated quantity found in a text: offsets are into that text, end exclusive.

    `core_start`/`core_end` cover the number itself (without modifiers, currency or unit): the
    component checks them against times and names. `requires` is set for vague words that are a
    figure only in some contexts ("of", "casualty"; see vague_quantities.json). `change` is set
    when a modifier marks an increment ("another 2,000", "up 12 percent").
    """

    start: int
    end: int
    text: str
    value: Optional[float]
    lower: Optional[float] = None
    upper: Optional[float] = None
    approximate: bool = False
    unit: Optional[str] = None
    currency: Optional[str] = None
    dimension: str = "count"
    core_start: int = 0
    core_end: int = 0
    vague: bool = False
    requires: Optional[str] = None
    change: bool = False
    plain_integer: bool = False  # digits only, no separator, modifier, unit or scale (year candidate)


@dataclass(frozen=True)
class _Tok:
    text: str
    low: str
    start: int
    end: int
    space_before: bool


# ---------------------------------------------------------------- data


@lru_cache(maxsize=None)
def _load(name: str) -> dict[str, Any]:
    with open(DATA / name, encoding="utf-8") as fh:
        return json.load(fh)


def _words() -> dict[str, Any]:
    return _load("number_words.json")


def _phrase_table(keys: Any) -> dict[tuple[str, ...], str]:
    """Index multiword phrases by their tuple of lower-case tokens."""
    return {tuple(_split_words(k)): k for k in keys}


@lru_cache(maxsize=None)
def _tables() -> dict[str, dict[tuple[str, ...], str]]:
    words, units, cur, vague = _words(), _load("units.json"), _load("currencies.json"), _load("vague_quantities.json")
    return {
        "modifiers": _phrase_table(words["modifiers"]),
        "post": _phrase_table(words["post_modifiers"]),
        "fractions": _phrase_table(words["fractions"]),
        "vague": _phrase_table(vague["phrases"]),
        "percent": _phrase_table(units["percent"]),
        "units": _phrase_table(list(units["aliases"]) + list(units["extra"])),
        "currency_words": _phrase_table(cur["words"]),
    }


_TOKEN_RE = re.compile(
    r"(?:US|A|C|NZ|HK)\$|[$€£¥₹₽₪₺]"  # currency symbols
    r"|\d+(?:[,.\u00a0\u202f\u2009]\d+)*"  # digits with separators
    r"|[^\W\d_]+(?:\.[^\W\d_]+)+\.?"  # u.s., a.m.
    r"|[^\W\d_]+(?:['’][^\W\d_]+)?"  # words
    r"|\S",
)
_DIGITS_RE = re.compile(r"\d{1,3}(?:([,\u00a0\u202f\u2009])\d{3})(?:\1\d{3})*(?:\.\d+)?|\d+(?:\.\d+)?")
_SEPARATORS = ",\u00a0\u202f\u2009 "


def _split_words(text: str) -> list[str]:
    return [m.group().lower() for m in _TOKEN_RE.finditer(text)]


def tokenize(text: str) -> list[_Tok]:
    """Split into word, digit and symbol tokens with offsets (hyphens are separate tokens)."""
    out: list[_Tok] = []
    for m in _TOKEN_RE.finditer(text):
        s = m.start()
        out.append(_Tok(m.group(), m.group().lower(), s, m.end(), s == 0 or text[s - 1].isspace()))
    return out


def parse_digits(text: str) -> Optional[float]:
    """'2,500' → 2500.0, '1.2' → 1.2, '108 780' → 108780.0; None for ids ('022') and bad groups."""
    if not _DIGITS_RE.fullmatch(text):
        return None
    if len(text) > 1 and text[0] == "0" and text[1] != ".":
        return None
    return float("".join(c for c in text if c not in _SEPARATORS))


def parse_number_words(words: list[str]) -> Optional[float]:
    """['two', 'hundred', 'and', 'fifty'] → 250; ['twenty-five'] → 25; ['a', 'dozen'] → 12."""
    tables = _words()
    parts: list[str] = []
    for w in words:
        parts.extend(p for p in w.lower().split("-") if p)
    if not parts or parts[0] == "and" or parts[-1] == "and":
        return None
    total, current, seen = 0.0, 0.0, False
    for i, p in enumerate(parts):
        if p in ("a", "an") and i == 0 and len(parts) > 1 and parts[1] in tables["article_scales"]:
            current, seen = 1.0, True
        elif p in tables["units"] or p in tables["tens"]:
            current += tables["units"].get(p, tables["tens"].get(p, 0))
            seen = True
        elif p in tables["scales"] and seen:
            scale = tables["scales"][p]
            if scale >= 1000:
                total, current = total + (current or 1) * scale, 0.0
            else:
                current = (current or 1) * scale
        elif p != "and":
            return None
    return total + current if seen else None


# ---------------------------------------------------------------- scanner


@dataclass
class _Core:
    """A number read at a token position: value, tokens used, and what it carried along."""

    value: float
    digit: int  # index of the first token of the number itself
    end: int  # index of the token after the core
    currency: Optional[str] = None
    unit: Optional[str] = None
    dimension: Optional[str] = None
    mult: float = 1.0  # scale applied by suffixes and scale words
    plain: bool = False  # bare digits without separators (a year candidate)


_NOT_AFTER = set("-/–:#+°'’")
_NOT_BEFORE = set("-/–:#.'’+")


class _Scanner:
    """Reads quantities token by token, longest phrase first, from a token list."""

    def __init__(self, text: str, toks: list[_Tok]) -> None:
        self.text, self.toks = text, toks
        self.tables = _tables()
        self.words = _words()
        self.units = _load("units.json")
        self.currency = _load("currencies.json")

    # -- helpers
    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def glued(self, i: int) -> bool:
        """True when token i touches the previous one (no space between)."""
        return 0 < i < len(self.toks) and not self.toks[i].space_before

    def phrase(self, i: int, table: dict[tuple[str, ...], str], maxlen: int = 4) -> tuple[Optional[str], int]:
        for n in range(maxlen, 0, -1):
            key = tuple(t.low for t in self.toks[i : i + n])
            if len(key) == n and key in table:
                return table[key], i + n
        return None, i

    def is_word_number(self, i: int) -> bool:
        w = self.low(i)
        return w[:1].isalpha() and all(p in self.words["units"] or p in self.words["tens"] for p in w.split("-"))

    def free_before(self, d: int, first: int) -> bool:
        """The number at token d is not glued to a code or name before it ('F-35', 'AH-64').

        Tokens from `first` to d belong to the expression (a currency symbol, a range dash).
        """
        if not self.glued(d) or d > first:
            return True
        prev = self.toks[d - 1].text
        return not prev[-1].isalnum() and prev not in _NOT_BEFORE

    def free_after(self, end: int) -> bool:
        """Nothing glued after the quantity: rejects '3rd', '1990s', '10:30', '2013-01-S-022'."""
        if not self.glued(end):
            return True
        nxt = self.toks[end].text
        if nxt[0].isalnum() or nxt in _NOT_AFTER:
            return False
        return not (nxt == "." and self.glued(end + 1) and self.toks[end + 1].text[0].isalnum())

    # -- the number itself
    def digits(self, i: int) -> Optional[_Core]:
        t = self.toks[i] if i < len(self.toks) else None
        if t is None or not t.text[0].isdigit():
            return None
        value = parse_digits(t.text)
        if value is None:
            return None
        plain = "." not in t.text and not any(c in t.text for c in _SEPARATORS)
        j = i + 1
        # "940 000": groups of three digits after single spaces
        while (len(t.text) <= 3 and plain and j < len(self.toks) and len(self.toks[j].text) == 3 and self.toks[j].text.isdigit()
               and self.text[self.toks[j - 1].end : self.toks[j].start] == " "):
            value, j = value * 1000 + float(self.toks[j].text), j + 1
        return _Core(value, i, j, plain=plain and j == i + 1)

    def word_number(self, i: int) -> Optional[_Core]:
        j, words = i, []
        if self.low(i) in ("a", "an") and self.low(i + 1) in self.words["article_scales"]:
            words, j = [self.low(i)], i + 1
        while j < len(self.toks):
            w = self.low(j)
            if self.is_word_number(j) or (w in self.words["scales"] and words) or (
                w == "and" and words and self.is_word_number(j + 1) and words[-1] in self.words["scales"]
            ):
                words.append(w)
                j += 1
            elif w == "-" and words and self.glued(j) and self.is_word_number(j + 1) and self.glued(j + 1):
                words[-1] = words[-1] + "-" + self.low(j + 1)
                j += 2
            else:
                break
        value = parse_number_words(words) if words else None
        if value is None:
            return None
        mult = 1.0
        for w in words:
            mult *= self.words["scales"].get(w, 1)
        return _Core(value, i, j, mult=mult)

    def fraction(self, i: int) -> Optional[_Core]:
        name, j = self.phrase(i, self.tables["fractions"], 3)
        if name is None:
            return None
        value = self.words["fractions"][name]
        if self.low(j) in ("a", "an") and self.low(j + 1) in self.words["scales"]:  # "half a million"
            scale = self.words["scales"][self.low(j + 1)]
            return _Core(value * scale, i, j + 2, mult=scale)
        if self.low(j) in ("of", "the"):  # "half of the troops"
            return _Core(value, i, j, dimension="fraction")
        return None

    def core(self, i: int, first: Optional[int] = None) -> Optional[_Core]:
        """A currency prefix, then digits or number words, then scale suffixes and words."""
        currency, j = None, i
        tok = self.toks[i]
        if tok.text in self.currency["symbols"]:
            currency, j = self.currency["symbols"][tok.text], i + 1
        elif tok.text in self.currency["codes"] and self.low(i + 1)[:1].isdigit():
            currency, j = tok.text, i + 1
        if j >= len(self.toks):
            return None
        c = self.digits(j) if currency else self.digits(j) or self.fraction(j) or self.word_number(j)
        if c is None or not self.free_before(c.digit, i if first is None else first):
            return None
        c.currency = currency
        self.scale(c)
        return c

    def scale(self, c: _Core) -> None:
        """Apply glued suffixes ('1.2bn', '$80m', '5k') and following scale words ('4 billion')."""
        j = c.end
        suffix = self.low(j) if self.glued(j) else ""
        factor = self.words["suffixes"].get(suffix) or (self.words["currency_only_suffixes"].get(suffix) if c.currency else None)
        if factor:
            c.value, c.mult, c.end = c.value * factor, c.mult * factor, j + 1
        while self.low(c.end) in self.words["scales"] and not (self.low(c.end) == "dozen" and c.mult > 1):
            factor = self.words["scales"][self.low(c.end)]
            c.value, c.mult, c.end = c.value * factor, c.mult * factor, c.end + 1
        if c.mult != 1:
            c.plain = False

    # -- what follows the number
    def suffix(self, c: _Core) -> None:
        """Percent, currency words, or a physical unit after the number."""
        j = c.end
        name, k = self.phrase(j, self.tables["percent"], 2)
        if name is not None:
            c.unit, c.dimension, c.end, c.plain = self.units["percent"][name], "percentage", k, False
            return
        if c.currency is not None or c.dimension is not None:
            return
        code, k = self.currency_word(j, c.mult > 1)
        if code is None and j < len(self.toks) and self.toks[j].text in self.currency["codes"]:
            code, k = self.toks[j].text, j + 1  # "5 million USD"
        if code is not None:
            c.currency, c.end, c.plain = code, k, False
            return
        unit = self.unit_at(j)
        if unit:
            c.unit, c.dimension, c.end, c.plain = unit[0], unit[1], unit[2], False

    def currency_word(self, j: int, scaled: bool) -> tuple[Optional[str], int]:
        name, end = self.phrase(j, self.tables["currency_words"], 3)
        if name is not None:
            return self.currency["words"][name], end
        amb = self.currency["ambiguous_pounds"]
        if self.low(j) in amb["word"] and (scaled or self.low(j + 1) == "sterling"):
            return amb["currency"], j + (2 if self.low(j + 1) == "sterling" else 1)
        return None, j

    def unit_at(self, j: int) -> Optional[tuple[str, str, int]]:
        """(symbol, dimension, end token) of a physical unit starting at token j, if any."""
        if j >= len(self.toks) or not self.toks[j].text[0].isalpha() and self.toks[j].text != "°":
            return None
        name, k = self.phrase(j, self.tables["units"], 3)
        for span in (3, 2):  # glued symbols: "km/h", "°c"
            joined = "".join(t.low for t in self.toks[j : j + span])
            if all(self.glued(x) for x in range(j + 1, j + span)) and joined in self.units["aliases"]:
                name, k = joined, j + span
                break
        if name is None:
            return _quantulum_unit(self.text, self.toks, j)
        if name in self.units["attached_only"] and not self.glued(j):
            return None
        if name in self.units["extra"]:
            _, symbol, dim = self.units["extra"][name]
            return symbol, dim, k
        return _unit_info(self.units["aliases"][name]) + (k,)

    # -- modifiers around it
    def modifiers(self, i: int) -> tuple[list[str], int]:
        kinds: list[str] = []
        for _ in range(2):
            name, j = self.phrase(i, self.tables["modifiers"], 3)
            if name is None:
                break
            kinds.append(self.words["modifiers"][name])
            i = j
        return kinds, i

    def read(self, i: int) -> Optional[tuple[Quantity, int]]:
        """The quantity starting at token i (modifiers included), and the token after it."""
        kinds, k = self.modifiers(i)
        got = self.read_number(i, k, kinds) if kinds else None
        return got or self.read_number(i, i, []) or self.read_vague(i)

    def range_end(self, c: _Core, k: int, kinds: list[str]) -> Optional[_Core]:
        """The upper end of 'between 5 and 10', '5-10', '5 to 10 thousand', 'two or three'."""
        conn = self.low(c.end)
        j = c.end + 1
        if j >= len(self.toks) or not (conn in self.words["range_connectors"] or conn == "and" and "between" in kinds):
            return None
        if conn in "-–—" and not (self.glued(c.end) and self.glued(j)):
            return None
        if conn in ("to", "or") and self.low(k - 1) == "from":
            return None  # "rose from 5 to 10": two levels, not a range
        high = self.core(j, first=c.end)
        if high is None or (high.currency and c.currency and high.currency != c.currency):
            return None
        if c.mult == 1 and high.mult > 1:
            c.value *= high.mult
        return high if high.value > c.value else None

    def read_number(self, i: int, k: int, kinds: list[str]) -> Optional[tuple[Quantity, int]]:
        if k >= len(self.toks):
            return None
        c = self.core(k)
        if c is None:
            return None
        lower = upper = None
        approximate = "approx" in kinds
        high = self.range_end(c, k, kinds)
        if high is not None:
            self.suffix(high)
            c.currency = c.currency or high.currency
            c.unit, c.dimension = high.unit, high.dimension
            lower, upper, end = c.value, high.value, high.end
        elif "between" in kinds:
            return None
        else:
            self.suffix(c)
            end = c.end
            lower = c.value if "lower" in kinds else None
            upper = c.value if "upper" in kinds else None
        if self.low(end) == "-" and self.glued(end) and self.glued(end + 1) and self.low(end + 1) in self.words["hyphen_counters"]:
            end += 2  # "a 5,000-strong force", "a 40-member delegation"
        if not self.free_after(end) and not (self.low(end) == "-" and self.low(end + 1) in ("plus", "odd")):
            return None
        post, pend = self.phrase(end, self.tables["post"], 2)
        if post is not None and lower is None and upper is None:
            kind = self.words["post_modifiers"][post]
            lower = c.value if kind == "lower" else None
            upper = c.value if kind == "upper" else None
            approximate = approximate or kind == "approx"
            end = pend
        c.plain = c.plain and high is None and not kinds and post is None
        return self.make(i, end, c, lower, upper, approximate, change="change" in kinds), end

    def read_vague(self, i: int) -> Optional[tuple[Quantity, int]]:
        name, j = self.phrase(i, self.tables["vague"], 3)
        if name is None:
            return None
        entry = _load("vague_quantities.json")["phrases"][name]
        c = _Core(float(entry["min"]), i, j)
        nxt = self.low(j)
        if nxt in self.words["scales"] and (nxt != "dozen" or name != "dozens"):
            c.value, c.end = c.value * self.words["scales"][nxt], j + 1  # "several hundred", "a few dozen"
        elif nxt == "of" and self.low(j + 1) in ("hundreds", "thousands", "millions", "billions"):
            c.value, c.end = c.value * self.words["scales"][self.low(j + 1)[:-1]], j + 2  # "tens of thousands"
        elif entry["requires"] == "of" and nxt != "of":
            return None
        if self.low(c.end) == "of":
            code, k = self.currency_word(c.end + 1, True)  # "millions of dollars"
            if code:
                c.currency, c.end = code, k
        elif c.end > j:
            self.suffix(c)
        if not self.free_after(c.end):
            return None
        requires = entry["requires"] if entry["requires"] != "of" else None
        return self.make(i, c.end, c, c.value, None, False, vague=True, requires=requires), c.end

    def make(self, s: int, e: int, c: _Core, lower: Optional[float], upper: Optional[float], approximate: bool,
             change: bool = False, vague: bool = False, requires: Optional[str] = None) -> Quantity:
        start, end = self.toks[s].start, self.toks[e - 1].end
        return Quantity(
            start=start, end=end, text=self.text[start:end], value=c.value if lower is None or upper is None else lower,
            lower=lower, upper=upper, approximate=approximate, unit=c.unit, currency=c.currency,
            dimension=c.dimension or ("currency" if c.currency else "count"),
            core_start=self.toks[c.digit].start, core_end=end, vague=vague, requires=requires, change=change,
            plain_integer=c.plain,
        )


@lru_cache(maxsize=None)
def _unit_info(name: str) -> tuple[str, str]:
    """(symbol, dimension) of a quantulum3 unit name, our preferred symbol first."""
    units = _load("units.json")
    db = _quantulum_units()
    unit = next(iter(db.names[name])) if isinstance(db.names[name], set) else db.names[name]
    symbol = units["symbols"].get(name) or (unit.symbols[0] if unit.symbols else name)
    return symbol, unit.entity.name


@lru_cache(maxsize=1)
def _quantulum_units() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import load

        return load.units("en_US")


def _quantulum_unit(text: str, toks: list[_Tok], j: int) -> Optional[tuple[str, str, int]]:
    """Ask quantulum3 about the word(s) after a number, only when its database knows the word.

    Runs the parser on the short candidate "1 <unit words>" (never the whole text) and accepts
    the dimensions listed in units.json only (no time, currency or dimensionless reading: 'a' is
    not a year unit), and never for the ordinary words in its stoplist.
    """
    if j >= len(toks) or not toks[j].text[0].isalpha() or len(toks[j].text) < 2:
        return None
    db = _quantulum_units()
    units = _load("units.json")
    word = toks[j].text
    if word.lower() in units["quantulum_stopwords"]:
        return None
    if word not in db.surfaces and word.lower() not in db.surfaces_lower and word not in db.symbols:
        return None
    end_tok = min(j + 3, len(toks))
    candidate = text[toks[j].start : toks[end_tok - 1].end]
    parsed = _quantulum_parse("1 " + candidate)
    if not parsed:
        return None
    q = parsed[0]
    if q.unit.entity.name not in units["quantulum_dimensions"] or q.span[0] != 0:
        return None
    stop = toks[j].start + q.span[1] - 2
    k = next((x + 1 for x in range(end_tok - 1, j - 1, -1) if toks[x].end <= stop), None)
    if k is None or k <= j:
        return None
    symbol = units["symbols"].get(q.unit.name) or (q.unit.symbols[0] if q.unit.symbols else q.unit.name)
    return symbol, q.unit.entity.name, k


@lru_cache(maxsize=4096)
def _quantulum_parse(candidate: str) -> list[Any]:
    """quantulum3 on one short candidate, its classifier switched off (PITFALLS.md, quantulum3 #5)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from quantulum3 import classifier, parser

        classifier.USE_CLF = False  # the sklearn classifier crashes or warns with current sklearn
        try:
            return parser.parse(candidate)
        except Exception:  # quantulum3 raises on odd input; a unit we cannot read is no unit
            return []


_ID_LIST_RE = re.compile(r"(?<![\w,.])\d{3,}(?:,[ \t]?\d{3,}){2,}(?![\w.])")  # "3152, 3107, 3177": reference numbers
_PHONE_RE = re.compile(r"(?<![\w-])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]\d{3,4}[\s.-]\d{3,4}(?![\w-])")


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """Lower-case tokens a quantity can start with: only these are tried (speed)."""
    words, tables = _words(), _tables()
    first = {key[0] for name in ("modifiers", "vague", "fractions") for key in tables[name]}
    first |= set(words["units"]) | set(words["tens"]) | {"a", "an"}
    cur = _load("currencies.json")
    first |= {s.lower() for s in cur["symbols"]} | {c.lower() for c in cur["codes"]}
    return frozenset(first)


def warm_up() -> None:
    """Load the lexicons and quantulum3's unit database (seconds) before the first text."""
    _tables()
    _starters()
    _quantulum_units()
    _quantulum_parse("1 km")


def find_quantities(text: str) -> list[Quantity]:
    """Every stated quantity in `text`, left to right, non-overlapping, with offsets.

    Phone numbers ('+1 202 555 0100', '(202) 555-0100') and lists of reference numbers
    ('3152, 3107, 3177') are skipped.
    """
    toks = tokenize(text)
    scanner = _Scanner(text, toks)
    starters = _starters()
    phones = [m.span() for m in _PHONE_RE.finditer(text)]
    phones += [m.span() for m in _ID_LIST_RE.finditer(text) if any(not _DIGITS_RE.fullmatch(x.strip()) or len(x.strip()) != 3 for x in m.group().split(",")[1:])]
    out: list[Quantity] = []
    i = 0
    while i < len(toks):
        low = toks[i].low
        if not (low[0].isdigit() or low in starters or low.split("-")[0] in starters):
            i += 1
            continue
        got = scanner.read(i)
        if got is None:
            i += 1
            continue
        q, i = got
        if not any(a < q.end and q.start < b for a, b in phones):
            out.append(q)
    return out


def parse_quantity(text: str) -> Optional[Quantity]:
    """The first quantity in a short string ('some 2,500' → 2500, approximate), or None."""
    found = find_quantities(text)
    return found[0] if found else None
