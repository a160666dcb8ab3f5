/** Reads bytes in order; `take` throws `PassTruncated` when the input ends early. */
export class ByteReader {
  private offset = 0;
  constructor(private readonly bytes: Uint8Array) {}

  take(length: number): Uint8Array {
    if (this.offset + length > this.bytes.length) throw new PassTruncated();
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }

  u8(): number {
    return this.take(1)[0] ?? 0;
  }

  u32(): number {
    const b = this.take(4);
    return new DataView(b.buffer, b.byteOffset, 4).getUint32(0);
  }

  get position(): number {
    return this.offset;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }
}

/** The input ended before the structure did. */
export class PassTruncated extends Error {}

/** The bytes cannot be a pass of this format (bad tag, unknown id kind, invalid UTF-8). */
export class PassMalformed extends Error {}
