/**
 * SipHash-2-4 (Aumasson & Bernstein), 64-bit output. OpenPAYGO Token hashes with it (once per count
 * step, so a meter at count 1000 costs 1000 hashes a token); Node's crypto has none. Each 64-bit
 * word is kept as two unsigned 32-bit halves in local variables: no BigInt, no allocation per
 * round, and no state shared between calls.
 */

const le32 = (b: Uint8Array, at: number): number =>
  ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0;

/** The 64-bit SipHash-2-4 of `message` under the 16-byte `key`, as [high 32 bits, low 32 bits]. */
export function siphash24Halves(key: Uint8Array, message: Uint8Array): [number, number] {
  if (key.length !== 16) throw new Error('SipHash key must be 16 bytes');
  const k0l = le32(key, 0);
  const k0h = le32(key, 4);
  const k1l = le32(key, 8);
  const k1h = le32(key, 12);
  let v0h = (k0h ^ 0x736f6d65) >>> 0;
  let v0l = (k0l ^ 0x70736575) >>> 0;
  let v1h = (k1h ^ 0x646f7261) >>> 0;
  let v1l = (k1l ^ 0x6e646f6d) >>> 0;
  let v2h = (k0h ^ 0x6c796765) >>> 0;
  let v2l = (k0l ^ 0x6e657261) >>> 0;
  let v3h = (k1h ^ 0x74656462) >>> 0;
  let v3l = (k1l ^ 0x79746573) >>> 0;
  const len = message.length;
  const full = len - (len % 8);
  // One pass per 8-byte word, one for the last word (the tail bytes and the length), and one for
  // the finalization: the round is written once, so the state stays in these locals throughout.
  const words = full / 8 + 1;
  for (let w = 0; w <= words; w++) {
    let mh = 0;
    let ml = 0;
    let rounds = 2;
    if (w < words - 1) {
      mh = le32(message, w * 8 + 4);
      ml = le32(message, w * 8);
    } else if (w === words - 1) {
      mh = (len & 0xff) << 24;
      for (let i = full; i < len; i++) {
        const byte = message[i] ?? 0;
        const at = i - full;
        if (at < 4) ml |= byte << (8 * at);
        else mh |= byte << (8 * (at - 4));
      }
      mh >>>= 0;
      ml >>>= 0;
    } else {
      v2l = (v2l ^ 0xff) >>> 0;
      rounds = 4;
    }
    if (w < words) {
      v3h = (v3h ^ mh) >>> 0;
      v3l = (v3l ^ ml) >>> 0;
    }
    for (let r = 0; r < rounds; r++) {
      // v0 += v1; v1 = rotl(v1, 13) ^ v0; v0 = rotl(v0, 32)
      let lo = (v0l + v1l) >>> 0;
      v0h = (v0h + v1h + (lo < v0l ? 1 : 0)) >>> 0;
      v0l = lo;
      let h = ((v1h << 13) | (v1l >>> 19)) >>> 0;
      let l = ((v1l << 13) | (v1h >>> 19)) >>> 0;
      v1h = (h ^ v0h) >>> 0;
      v1l = (l ^ v0l) >>> 0;
      let t = v0h;
      v0h = v0l;
      v0l = t;
      // v2 += v3; v3 = rotl(v3, 16) ^ v2
      lo = (v2l + v3l) >>> 0;
      v2h = (v2h + v3h + (lo < v2l ? 1 : 0)) >>> 0;
      v2l = lo;
      h = ((v3h << 16) | (v3l >>> 16)) >>> 0;
      l = ((v3l << 16) | (v3h >>> 16)) >>> 0;
      v3h = (h ^ v2h) >>> 0;
      v3l = (l ^ v2l) >>> 0;
      // v0 += v3; v3 = rotl(v3, 21) ^ v0
      lo = (v0l + v3l) >>> 0;
      v0h = (v0h + v3h + (lo < v0l ? 1 : 0)) >>> 0;
      v0l = lo;
      h = ((v3h << 21) | (v3l >>> 11)) >>> 0;
      l = ((v3l << 21) | (v3h >>> 11)) >>> 0;
      v3h = (h ^ v0h) >>> 0;
      v3l = (l ^ v0l) >>> 0;
      // v2 += v1; v1 = rotl(v1, 17) ^ v2; v2 = rotl(v2, 32)
      lo = (v2l + v1l) >>> 0;
      v2h = (v2h + v1h + (lo < v2l ? 1 : 0)) >>> 0;
      v2l = lo;
      h = ((v1h << 17) | (v1l >>> 15)) >>> 0;
      l = ((v1l << 17) | (v1h >>> 15)) >>> 0;
      v1h = (h ^ v2h) >>> 0;
      v1l = (l ^ v2l) >>> 0;
      t = v2h;
      v2h = v2l;
      v2l = t;
    }
    if (w < words) {
      v0h = (v0h ^ mh) >>> 0;
      v0l = (v0l ^ ml) >>> 0;
    }
  }
  return [(v0h ^ v1h ^ v2h ^ v3h) >>> 0, (v0l ^ v1l ^ v2l ^ v3l) >>> 0];
}

/** The same hash as one unsigned 64-bit integer. */
export function siphash24(key: Uint8Array, message: Uint8Array): bigint {
  const [h, l] = siphash24Halves(key, message);
  return (BigInt(h) << 32n) | BigInt(l);
}
