import { InView } from './in-view.ts';

/**
 * Camera scanning with getUserMedia and jsQR (in a worker). Native BarcodeDetector is not used: it
 * is missing on Linux Chromium and on many cheap phones. A code is reported once while it stays in
 * view; it is reported again only after the frames did not show it for `rearmMs` (`InView`).
 */
const MAX_WIDTH = 800;
const FRAME_INTERVAL_MS = 120;

export class QrCamera {
  private stream: MediaStream | undefined;
  private worker: Worker | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private busy = false;
  private frameId = 0;
  private readonly canvas = document.createElement('canvas');
  private readonly inView: InView;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly onCode: (text: string) => void,
    rearmMs = 1500,
  ) {
    this.inView = new InView(rearmMs);
  }

  get running(): boolean {
    return this.stream !== undefined;
  }

  async start(): Promise<void> {
    if (this.stream) return;
    if (!navigator.mediaDevices?.getUserMedia)
      throw Object.assign(new Error('no camera API (needs HTTPS)'), { name: 'CameraApiMissing' });
    this.stream = await navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
    });
    this.video.srcObject = this.stream;
    this.video.setAttribute('playsinline', '');
    this.video.muted = true;
    await this.video.play();
    this.worker ??= new Worker(new URL('./qr.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<{ id: number; text: string | null }>) => {
      this.busy = false;
      const { text } = event.data;
      if (this.inView.frame(text || null, performance.now()) && text) this.onCode(text);
    };
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = undefined;
    this.video.srcObject = null;
    this.busy = false;
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.grab(), FRAME_INTERVAL_MS);
  }

  private grab(): void {
    if (!this.stream) return;
    const { videoWidth, videoHeight } = this.video;
    if (!this.busy && !document.hidden && videoWidth > 0 && this.worker) {
      const scale = Math.min(1, MAX_WIDTH / videoWidth);
      const width = Math.round(videoWidth * scale);
      const height = Math.round(videoHeight * scale);
      this.canvas.width = width;
      this.canvas.height = height;
      const ctx = this.canvas.getContext('2d', { willReadFrequently: true });
      if (ctx) {
        ctx.drawImage(this.video, 0, 0, width, height);
        const pixels = ctx.getImageData(0, 0, width, height).data.buffer;
        this.busy = true;
        this.worker.postMessage({ id: ++this.frameId, width, height, pixels }, [pixels]);
      }
    }
    this.schedule();
  }
}
