import jsQR from 'jsqr';

/** Decodes camera frames off the main thread so the page stays responsive on slow phones. */
interface FrameMessage {
  id: number;
  width: number;
  height: number;
  pixels: ArrayBuffer;
}

const scope = self as {
  onmessage: ((event: MessageEvent<FrameMessage>) => void) | null;
  postMessage(message: { id: number; text: string | null }): void;
};

// `jsqr` is CommonJS whose export is the function, with `.default` pointing at itself; under
// `nodenext` TypeScript sees only the namespace, so `.default` is the call both agree on.
const decode = jsQR.default;

scope.onmessage = (event) => {
  const { id, width, height, pixels } = event.data;
  const found = decode(new Uint8ClampedArray(pixels), width, height, { inversionAttempts: 'attemptBoth' });
  scope.postMessage({ id, text: found?.data ? found.data : null });
};
