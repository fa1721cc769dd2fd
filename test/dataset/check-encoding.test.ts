import { EncodingCheck } from '../../src/dataset/check-encoding';

/** Feeds the bytes cut at every position given, then ends the file. */
function check(bytes: Buffer, cuts: readonly number[]): void {
  const encoding = new EncodingCheck('data.jsonl');
  encoding.head(bytes);
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    encoding.push(bytes.subarray(from, cut));
    from = cut;
  }
  encoding.end();
}

describe('EncodingCheck', () => {
  const text = Buffer.from('{"a": "€ ok"}\n{"b": "😀 ☃ é"}\n', 'utf8');

  it('accepts UTF-8 however the chunks cut its multi-byte characters', () => {
    for (let cut = 0; cut <= text.length; cut += 1) expect(() => check(text, [cut])).not.toThrow();
    expect(() => check(text, [1, 2, 3, 20, 21, 22, 23])).not.toThrow();
  });

  it('names the line and offset of a byte that is not UTF-8, also right after a chunk boundary', () => {
    const latin1 = Buffer.concat([text, Buffer.from('{"c": "caf'), Buffer.from([0xe9]), Buffer.from('"}\n')]);
    const offset = text.length + 10;
    for (const cut of [offset - 1, offset, offset + 1, 5]) {
      expect(() => check(latin1, [cut])).toThrow(`data.jsonl:3: byte 0xe9 at offset ${offset} is not UTF-8`);
    }
  });

  it('refuses a character that the file cuts short, and a stray continuation byte', () => {
    const cutShort = text.subarray(0, text.indexOf(Buffer.from('☃')) + 2);
    expect(() => check(cutShort, [])).toThrow(/is not UTF-8/);
    expect(() => check(cutShort, [cutShort.length - 1])).toThrow(/is not UTF-8/);
    expect(() => check(Buffer.from([0x7b, 0x80, 0x7d]), [1])).toThrow('data.jsonl:1: byte 0x80 at offset 1 is not UTF-8');
  });
});
