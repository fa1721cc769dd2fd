#!/usr/bin/env python3
"""Record Python 3.8 reference values for the Python-compatible string helpers and literal_eval port.

Run with the Python of the official KDD Cup 2024 evaluation image (3.8):
    /root/.pyenv/versions/3.8.18/bin/python3.8 scripts/gen-python38-references.py
Writes JSON Lines files next to the tests that read them (tests never need Python):
  test/scoring/parsers/python38-literal-eval.jsonl  {"source", "expected": list of str | null}
  test/scoring/text/python38-int.jsonl               {"text", "expected": decimal string | null}
  test/scoring/text/python38-strings.jsonl           {"text", strip/lstrip/rstrip/split/lower results}
  test/scoring/text/python38-code-points.jsonl       {"cp", "isnumeric", "decimal"} for a sample of code points
Inputs come from a seeded generator, so re-running gives the same files.
"""
import ast
import json
import os
import random
import sys
import unicodedata

if sys.version_info[:2] != (3, 8):
    sys.exit("run this with Python 3.8 (the official evaluation image's version)")

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
rng = random.Random(20240601)


def write(path, rows):
    with open(os.path.join(ROOT, path), "w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=True) + "\n")
    print(path, len(rows))


def literal_eval_string_list(source):
    """What the official NER parser accepts from ast.literal_eval (any exception means fallback)."""
    try:
        value = ast.literal_eval(source)
    except BaseException:  # noqa: B902 - MemoryError from deep nesting included
        return None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    return None


GOOD_CONTENT = ["a", "men's", "caf\u00e9", " ", "x y", "\\x41", "\\u00e9", "\\U0001F600", "\\N{BULLET}", "\\N{bullet}",
                "\\N{NBSP}", "\\N{LATIN SMALL LETTER E WITH ACUTE}", "\\N{HANGUL SYLLABLE GAG}", "\\N{CJK UNIFIED IDEOGRAPH-4E00}",
                "\\777", "\\0", "\\12", "\\d", "\\\\", "\\'", '\\"', "\\\n", "\\n", "\\t", "\\a\\b\\f\\v\\r", "#", ",",
                "[", "]", "\U0001f600", "\t", "\r\n", "\n", "'", '"', "\\N{hangul syllable gag}", "\\N{EM DASH}"]
BAD_CONTENT = ["\\x4", "\\u00e", "\\U00110000", "\\N{CJK UNIFIED IDEOGRAPH-4e00}", "\\N{NO SUCH NAME}", "\\N{}", "\\N",
               "\ud800", "\x00", "\r"]
CONTENT = GOOD_CONTENT + BAD_CONTENT
PREFIXES = ["", "", "", "", "", "", "", "", "u", "U", "r", "R", "", "", "", "", "", "", "", "",
            "u", "U", "r", "R", "b", "f", "rb", "Rb", "bR", "fr", "Rf", "ur", "x"]
QUOTES = ["'", "'", '"', "'''", '"""']
SEPARATORS = [", ", ",", " , ", ",\n", ",  # note\n", ",\\\n", ",\n\t", ", \f"]
LEADING = ["", "", "", "", "", "", "", "", "", "", "", "", " ", "\t", "\n", "\n ", "# c\n", "\f", " \f", "\\\n", "\r\n", "  \n", "\n\n", "\x0b", "\ufeff"]
TRAILING = ["", "", "", "", "", "", "", "", "", "", "", "", "\n", " ", "\n  ", "  # x", "\n\n", "\r\n", ";", ",", " + []", "\n\f", "\\\n", "\n# end"]


def string_literal():
    quote = rng.choice(QUOTES)
    pool = CONTENT if rng.random() < 0.15 else GOOD_CONTENT
    body = "".join(rng.choice(pool) for _ in range(rng.randint(0, 3)))
    if rng.random() < 0.85:
        body = body.replace(quote[0], "").replace("\n", "" if len(quote) == 1 else "\n")
        body = body.replace("\r", "" if len(quote) == 1 else "\r")
        if body.endswith("\\") and not body.endswith("\\\\"):
            body = body[:-1]
    return rng.choice(PREFIXES) + quote + body + quote


def element():
    text = string_literal()
    if rng.random() < 0.2:
        text += rng.choice([" ", "", "\n", " # c\n", "\\\n"]) + string_literal()
    depth = rng.choice([0, 0, 0, 1, 2]) if rng.random() < 0.9 else rng.choice([97, 98, 99])
    return "(" * depth + text + ")" * depth


def mutate(source):
    position = rng.randint(0, len(source))
    kind = rng.random()
    if kind < 0.4:
        return source[:position] + rng.choice(["[", "]", "(", ")", ",", "'", '"', "\\", "#", "\n", " ", "1", "None"]) + source[position:]
    if kind < 0.7 and source:
        return source[:position] + source[position + 1:]
    return source[:position] + rng.choice(CONTENT) + source[position:]


def literal_sources():
    fixed = [" ['a']", "\t['a']", "\n['a']", "\n ['a']", "['a' 'b']", "['a',]", "('a', 'b')", "{'a'}", "['a', 1]", "[]",
             "['']", "['men's']", "['a'] # note", "[b'a']", "[f'a']", "['\\x61\\N{LATIN SMALL LETTER E WITH ACUTE}']",
             "'a'", "a, b", " ", "", "['a']\n   ", "['a']\n  # c", "\f['a']", " \f['a']", "\\\n['a']", "\\\n\n['a']",
             "[('a')]", "(['a'])", "((['a'],))", "['a\\\nb']", "['''a\nb''']", "['a'\n'b']", "[\n  'a'\n]", "[*'ab']",
             "['a'] + ['b']", "['a'][0]", "[['a']]", "['a']\x00", "['\ud800']", "['\\ud83d\\ude00']", "[''''']",
             "['''a'''']", "[r'a\\'b']", "[r'\\N{BULLET}']", "['\\N{latin small letter e with acute}']", "[u'a', U\"b\"]",
             "[ur'a']", "[Rb'a']", "['a' b'c']", "['a' f'c']", "[('a' 'b'), ('c',)]", "['\\777\\0\\1234']", "[1,]",
             "[,]", "['a',,]", "['a'\r'b']", "['a\rb']", "['''a\rb''']", "['a']\r", "#c\n['a']", "['a'];", "['a']\\"]
    fixed += ["[" + "(" * depth + "'a'" + ")" * depth + "]" for depth in (97, 98, 99, 100)]
    fixed += ["(" * depth + "[" + "(" * 40 + "'a'" + ")" * 40 + "]" + ")" * depth for depth in (57, 58, 59)]
    generated = []
    for _ in range(2500):
        items = [element() for _ in range(rng.randint(0, 3))]
        source = "["
        for index, item in enumerate(items):
            source += item + (rng.choice(SEPARATORS) if index + 1 < len(items) else rng.choice(["", "", ",", " ", "\n"]))
        source = rng.choice(LEADING) + source + "]" + rng.choice(TRAILING)
        if rng.random() < 0.15:
            source = "(" + source + ")"
        if rng.random() < 0.25:
            source = mutate(source)
        generated.append(source)
    return fixed + generated


INT_PIECES = ["0", "1", "7", "42", "\uff17", "\u0667", "\u096d", "\u0e57", "\U0001d7d5", "\xb2", "\xbd", "\u4e03",
              "\u2166", "\u2466", "_", "__", "+", "-", " ", "\t", "\n", "\x1c", "\x85", "\xa0", "\u3000", "\ufeff",
              "\u200b", ".", "e3", "0x", "\U0001fbf5", "\U00011950", "99999999999999999999", "9007199254740993", "\x00"]


def int_texts():
    texts = ["", " ", "0", "-0", "+0", "00", "007", "1_000", "1__0", "_1", "1_", "+_1", "- 1", "-\u0661\u0665",
             "9007199254740991", "9007199254740992", "-9007199254740992", "1" * 4300, "1" * 4301, "0" * 4301,
             "1_" * 4300 + "1", "1" * 4299 + "_1", " 12 ", "1 2", "\u30007\u3000"]
    for _ in range(1500):
        texts.append("".join(rng.choice(INT_PIECES) for _ in range(rng.randint(1, 5))))
    return texts


def py_int(text):
    try:
        return str(int(text))
    except ValueError:
        return None


STRING_PIECES = ["a", "B", " ", "\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1f", "\x85", "\xa0", "\u1680", "\u2000",
                 "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff", "\u200b", "\u180e", "\U0001f600",
                 "\u03a3", "\u03c3", "\u0130", "I", "\u212a", "\u212b", "\u1e9e", "\u01c5", "\u13a0", "\U00010400",
                 "\uff21", "\u1c89", "\u2c2f", "\ua7c0", "\U00010570", "'", ".", "\u0345", "\u0307", "-", "\ud800"]


def string_rows():
    rows = []
    for _ in range(800):
        text = "".join(rng.choice(STRING_PIECES) for _ in range(rng.randint(0, 7)))
        rows.append({"text": text, "strip": text.strip(), "lstrip": text.lstrip(), "rstrip": text.rstrip(),
                     "split": text.split(), "strip_space": text.strip(" "), "strip_chars": text.strip("a\U0001f600\n"),
                     "lower": text.lower(), "head3": text[:3]})
    return rows


def code_point_rows():
    sample = set(range(0, 0x110000, 997))
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        numeric = chr(cp).isnumeric()
        if cp > 0 and numeric != chr(cp - 1).isnumeric():
            sample.update((cp - 1, cp))
        if unicodedata.decimal(chr(cp), None) is not None:
            sample.add(cp)
    sample = sorted(cp for cp in sample if not 0xD800 <= cp <= 0xDFFF)
    return [{"cp": cp, "isnumeric": chr(cp).isnumeric(), "decimal": unicodedata.decimal(chr(cp), -1)} for cp in sample]


write("test/scoring/parsers/python38-literal-eval.jsonl",
      [{"source": source, "expected": literal_eval_string_list(source)} for source in literal_sources()])
write("test/scoring/text/python38-int.jsonl", [{"text": text, "expected": py_int(text)} for text in int_texts()])
write("test/scoring/text/python38-strings.jsonl", string_rows())
write("test/scoring/text/python38-code-points.jsonl", code_point_rows())
