import { QrCamera } from './camera.ts';
import { type CameraProblem, cameraProblem } from './camera-problem.ts';
import { byId } from './dom.ts';

/** The words of a page with a camera, from its own catalog. */
export type CameraWords = (
  key: 'scan.cameraStop' | 'scan.cameraStart' | 'scan.cameraDenied' | `camera.${CameraProblem}`,
  vars?: Record<string, string>,
) => string;

/**
 * A staff page's camera (`#video`), its Start/Stop button (`#camera-toggle`) and the line saying why it
 * would not start (`#camera-error`), as the scanner and the booth have them. Why it failed is kept as a
 * word, so it reads in a language chosen after (issue 54, item 15); whether staff switched the camera
 * off is the page's to remember.
 */
export class CameraPanel {
  private readonly camera: QrCamera;
  private readonly toggle = byId<HTMLButtonElement>('camera-toggle');
  private readonly error = byId('camera-error');
  private trouble: CameraProblem | undefined;

  /** `relabel` words the page again (the button and the refusal with it); `remember` keeps staff's choice. */
  constructor(
    onCode: (text: string) => void,
    private readonly relabel: () => void,
    remember: (on: boolean) => void,
  ) {
    this.camera = new QrCamera(byId<HTMLVideoElement>('video'), onCode);
    this.toggle.addEventListener('click', () => {
      remember(!this.camera.running);
      if (this.camera.running) {
        this.camera.stop();
        relabel();
      } else void this.start();
    });
  }

  async start(): Promise<void> {
    this.trouble = undefined;
    try {
      await this.camera.start();
    } catch (err) {
      this.trouble = cameraProblem(err);
    }
    this.relabel();
  }

  stop(): void {
    this.camera.stop();
  }

  /** The button and the refusal in the page's current language. */
  label(word: CameraWords): void {
    this.toggle.textContent = this.camera.running ? word('scan.cameraStop') : word('scan.cameraStart');
    this.error.textContent = this.trouble
      ? word('scan.cameraDenied', { detail: word(`camera.${this.trouble}`) })
      : '';
  }
}
