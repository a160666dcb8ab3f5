/** What staff hear and feel at a verdict, so they need not look at the screen. */
export type Signal = (decision: 'allowed' | 'denied' | undefined) => void;

/**
 * A short beep and buzz: high for allowed, low for denied. The page makes one at start; its audio
 * context is opened at the first verdict and kept for the next.
 */
export function verdictSignal(): Signal {
  let audio: AudioContext | undefined;
  return (decision) => {
    try {
      navigator.vibrate?.(decision === 'allowed' ? 80 : [120, 60, 120]);
      audio ??= new AudioContext();
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.frequency.value = decision === 'allowed' ? 880 : 220;
      osc.type = decision === 'allowed' ? 'sine' : 'square';
      gain.gain.value = 0.08;
      osc.connect(gain).connect(audio.destination);
      osc.start();
      osc.stop(audio.currentTime + (decision === 'allowed' ? 0.12 : 0.3));
    } catch {
      // Sound is a nicety; a phone that refuses it still shows the result.
    }
  };
}
