#!/usr/bin/python3
"""Generate fixtures/stemmer/porter-nltk-stems.tsv: golden stems of NLTK's PorterStemmer.

Reference for src/scoring/text/porter-stemmer.ts (rouge_score 0.1.2 uses
nltk.stem.porter.PorterStemmer() in its default NLTK_EXTENSIONS mode).

How the fixture was made (Debian 12):
    apt-get install -y wamerican python3-nltk     # /usr/share/dict/words, nltk 3.8
    /usr/bin/python3 scripts/gen-porter-stems.py

Output: one `word<TAB>stem` line per distinct word, sorted, UTF-8, where
stem = PorterStemmer().stem(word) (to_lowercase=True, the default used by rouge_score).
Words come from:
  * /usr/share/dict/words (lowercased, split into [a-z0-9]+ runs exactly as rouge_score's
    tokenizer would; plus the lowercased entries that contain non-ASCII letters, as-is);
  * every string in fixtures/datasets/shopbench-dev.jsonl and fixtures/parity/cases-public.jsonl,
    split the same way;
  * the worked examples of the parity README and hand-picked tricky words (irregular forms,
    'ies'/'ied' of length 4, y-rules, double consonants, upper case, non-ASCII);
  * deterministic synthetic words: random stems joined to every suffix the rules look at.
"""

import json
import random
import re
import sys
from pathlib import Path

import nltk
from nltk.stem.porter import PorterStemmer

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "stemmer" / "porter-nltk-stems.tsv"
TOKEN_RE = re.compile(r"[a-z0-9]+")

SUFFIXES = [
    "sses", "ies", "ss", "s", "eed", "ed", "ing", "ied", "at", "bl", "iz", "y",
    "ational", "tional", "enci", "anci", "izer", "bli", "abli", "alli", "entli", "eli",
    "ousli", "ization", "ation", "ator", "alism", "iveness", "fulness", "ousness",
    "aliti", "iviti", "biliti", "fulli", "logi", "icate", "ative", "alize", "iciti",
    "ical", "ful", "ness", "al", "ance", "ence", "er", "ic", "able", "ible", "ant",
    "ement", "ment", "ent", "sion", "tion", "ion", "ou", "ism", "ate", "iti", "ous",
    "ive", "ize", "e", "ll", "lled", "lling", "ally", "fully", "ingly", "edly", "ies",
]

HAND_PICKED = """
comfortable comfortably generously generous happily flies dying lying skies news innings
ties dies agreed sized hopping hoping controlling sensational relational colors really
thighs convenient conditional proceed exceed fits mp3s 1990s yes
sky tying tie die lie inning outing outings canning cannings howe succeed proceeds exceeds
succeeded succeeding proceeding exceeding newsy newses skied skiing
pies lies vies hies died lied tied vied spied cried fried
ies ied eed ing ed s ss sss ssss y yy yyy yyyy yay yeye syzygy toy enjoy enjoyment
happy sky spy fly try by my cry shy ay oy ey
feed bleed agreed freed reed deed need needed breed speeding
filing failing fizzed fizzing hissing falling tanned hopped
conflated troubled sized siz bl at iz
triplicate formative formalize electriciti electrical hopeful goodness
revival allowance inference airliner gyroscopic adjustable defensible irritant
replacement adjustment dependent adoption homologou communism activate angulariti
homologous effective bowdlerize probate rate cease controll roll
radicalli radically differentli vileli analogousli vietnamization predication operator
feudalism decisiveness hopefulness callousness formaliti sensitiviti sensibiliti
archaeology geology theology philology biology logi ology
hopefulli hopefully beautifully mournfully
generalization generalizations oscillators rationalities
a i o u e aa ab abc abcd abcde 0 00 000 0000 00000 123 1234 12345 4k 4ever 2nd 3rd 21st
ipad iphone usb hdmi 1080p 4k60 mp3 mp4 x86 64gb
skies SKIES Dying DYING News NEWS Innings SKY Sky Comfortable GENEROUSLY Happily
caf\u00e9 na\u00efve \u00fcber stra\u00dfe \u0130nch \u0130stanbul r\u00e9sum\u00e9s fa\u00e7ades
\u03bf\u03b4\u03bf\u03c2 \u043a\u043e\u0442 \u2164ies \u212aelvin caf\u00e9s na\u00efvely
\U0001f600ies \U0001f600ied ab\U0001f600\U0001f600ing \U00010400ies \U00010400\U00010400ed \U0001d7d0s x\U0001f600 \U0001f600\U0001f600 \u0130\u0130 \u0130s \u0130ies
""".split()


def rouge_words(text):
    """[a-z0-9]+ runs of the Python-lowercased text, like rouge_score's tokenizer (before stemming)."""
    return TOKEN_RE.findall(text.lower())


def strings_in(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)


def synthetic_words(count, seed=20240517):
    rng = random.Random(seed)
    consonants = "bcdfghjklmnpqrstvwxz"
    vowels = "aeiouy"
    words = set()
    while len(words) < count:
        stem = "".join(
            rng.choice(consonants if (i + rng.randint(0, 1)) % 2 == 0 else vowels)
            for i in range(rng.randint(0, 7))
        )
        words.add(stem + rng.choice(SUFFIXES))
    return words


def main():
    if not nltk.__version__.startswith("3.8"):
        sys.exit(f"expected nltk 3.8, found {nltk.__version__}")
    words = set(HAND_PICKED)
    for line in Path("/usr/share/dict/words").read_text(encoding="utf-8").splitlines():
        words.update(rouge_words(line))
        lowered = line.lower()
        if not lowered.isascii() and "'" not in lowered:
            words.add(lowered)
    for name in ("fixtures/datasets/shopbench-dev.jsonl", "fixtures/parity/cases-public.jsonl"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            for text in strings_in(json.loads(line)):
                words.update(rouge_words(text))
    words.update(synthetic_words(12000))
    words.discard("")

    stemmer = PorterStemmer()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8", newline="\n") as out:
        for word in sorted(words):
            out.write(f"{word}\t{stemmer.stem(word)}\n")
    print(f"wrote {len(words)} words to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
