#!/usr/bin/python3
"""MeCab reference segmentations for the Japanese tokenizer (fixtures/japanese/mecab-reference.tsv).

Run from the repository root:
    scripts/build-stock-ipadic.sh /tmp/ipadic-stock      # stock IPADIC, 392126 entries (no 令和, README M7)
    /usr/bin/python3 scripts/gen-mecab-reference.py /tmp/ipadic-stock > fixtures/japanese/mecab-reference.tsv

Inputs: fixtures/japanese/corpus.txt, every jp-bleu string of fixtures/parity/cases-public.jsonl (first line of the
parsed and raw outputs, truth), the jp-bleu truths of fixtures/datasets/shopbench-dev.jsonl, and seeded combinations.
Each input goes through sacrebleu's ja-mecab preprocessing: `s.lower().rstrip()` (BLEU segment), then MeCab -Owakati
on `line.strip()`, output `.strip()`.  Columns: `input` (the string the tokenizer receives, i.e. after lower() and
rstrip()) and `mecab`; both are JSON string literals with every non-printable character written as \\uXXXX.
"""
import json
import random
import subprocess
import sys


def first_line(text):
    return text.lstrip("\n").rstrip("\n").split("\n")[0]


def corpus_strings():
    with open("fixtures/japanese/corpus.txt", encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                yield line
    with open("fixtures/parity/cases-public.jsonl", encoding="utf-8") as handle:
        for line in handle:
            case = json.loads(line)
            if case["metric"] == "jp-bleu":
                yield first_line(case["kddcup2024"]["parsed"])
                yield first_line(case["output"])
                yield case["truth"]
    with open("fixtures/datasets/shopbench-dev.jsonl", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["metric"] == "jp-bleu":
                yield row["output_field"]
    rng = random.Random(7)
    brands = ["アイリスオーヤマ", "パナソニック", "ｿﾆｰ", "ＳＨＡＲＰ", "Anker", "象印", "ティファール", "無印良品", "ダイソー", "エレコム"]
    products = ["電気ケトル", "ワイヤレスイヤホン", "収納ボックス", "加湿器", "モバイルバッテリー", "炊飯器", "折りたたみ傘",
                "ステンレスボトル", "ゲーミングマウス", "掛け布団"]
    specs = ["1.2L", "500ml", "10000mAh", "5.5合", "幅40×奥行30×高さ25cm", "Ｌサイズ", "２個セット", "約1.5kg",
             "USB Type-C", "60W PD対応", "(ブラック)", "【正規品】", "日本製", "2024年モデル", "第3世代"]
    colors = ["ホワイト", "ブラック", "ネイビー", "ベージュ", "ﾚｯﾄﾞ", "グレー系", "くすみピンク", "ライトパープル"]
    for _ in range(120):
        parts = [rng.choice(brands), rng.choice(products)] + rng.sample(specs, rng.randint(1, 3)) + [rng.choice(colors)]
        separator = rng.choice([" ", " ", "　", "/", "・"])
        yield separator.join(parts)


def visible_json(text):
    encoded = json.dumps(text, ensure_ascii=False)
    return "".join(c if c.isprintable() else "\\u%04x" % ord(c) for c in encoded)


def main():
    dictionary = sys.argv[1]
    inputs = []
    for raw in corpus_strings():
        segment = raw.lower().rstrip()  # BLEU._preprocess_segment with lowercase=True
        if "\n" in segment or "\r" in segment or segment in inputs:
            continue
        inputs.append(segment)
    stripped = [segment.strip() for segment in inputs]  # TokenizerJaMecab: line.strip() before parse
    result = subprocess.run(["mecab", "-d", dictionary, "-Owakati"], input="\n".join(stripped) + "\n",
                            capture_output=True, text=True, check=True)
    outputs = result.stdout.split("\n")[:-1]
    assert len(outputs) == len(inputs), (len(outputs), len(inputs))
    print("input\tmecab")
    for segment, output in zip(inputs, outputs):
        print(f"{visible_json(segment)}\t{visible_json(output.strip())}")


main()
