import type { PowChallenge, ProofOfWork } from '@lotse/common';

/**
 * Solves an ALTCHA challenge in a web worker (the page stays responsive while the browser works for a second or
 * two); falls back to the page itself where workers are unavailable.
 */
export async function solveProof(challenge: PowChallenge): Promise<ProofOfWork> {
  if (typeof Worker === 'undefined') {
    const { solve } = await import('./pow');
    return solve(challenge);
  }
  const worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
  try {
    return await new Promise<ProofOfWork>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<ProofOfWork | { error: string }>) =>
        'error' in event.data ? reject(new Error(event.data.error)) : resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message));
      worker.postMessage(challenge);
    });
  } finally {
    worker.terminate();
  }
}
