/** A short beep and buzz so staff need not look at the screen: high for allowed, low for denied. */
let audio: AudioContext | undefined;

export function signal(decision: 'allowed' | 'denied' | undefined): void {
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
}
