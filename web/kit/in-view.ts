/**
 * Which codes the camera reads are new scans: a code is reported once while it stays in view, and
 * again only after it has been missing from the analysed frames for `rearmMs`. Absence is what the
 * frames show, not the time between them: a slow phone (or a busy one) that reads one frame every
 * two seconds still takes a pass held still as one scan, where counting the time since the last
 * sighting scanned the student again at every frame ("already served" on their own pass).
 */
export class InView {
  private code: string | undefined;
  private missingSince: number | undefined;

  constructor(private readonly rearmMs = 1500) {}

  /** One analysed frame: the code it showed, or null; true when that code is a new scan. */
  frame(text: string | null, now: number): boolean {
    if (text !== null && text === this.code) {
      this.missingSince = undefined;
      return false;
    }
    if (text === null) {
      if (this.code === undefined) return false;
      this.missingSince ??= now;
      if (now - this.missingSince >= this.rearmMs) {
        this.code = undefined;
        this.missingSince = undefined;
      }
      return false;
    }
    this.code = text;
    this.missingSince = undefined;
    return true;
  }
}
