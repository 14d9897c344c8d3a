/** GB18030 encoder for the test's own characters: ASCII as is, others looked up in the two-byte GBK range. */
let gbMap: Map<string, number[]> | undefined;
export function gb18030(text: string): Buffer {
  if (!gbMap) {
    gbMap = new Map();
    const dec = new TextDecoder('gb18030');
    for (let b1 = 0x81; b1 <= 0xfe; b1++) {
      for (let b2 = 0x40; b2 <= 0xfe; b2++) {
        if (b2 === 0x7f) continue;
        const ch = dec.decode(new Uint8Array([b1, b2]));
        if (ch.length === 1 && ch !== '\ufffd' && !gbMap.has(ch)) gbMap.set(ch, [b1, b2]);
      }
    }
  }
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else {
      const mapped = gbMap.get(ch);
      if (!mapped) throw new Error(`test encoder: no GB18030 two-byte code for ${ch}`);
      bytes.push(...mapped);
    }
  }
  return Buffer.from(bytes);
}
