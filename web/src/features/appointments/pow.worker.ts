import type { PowChallenge } from '@lotse/common';
import { solve } from './pow';

// The worker of solve.ts: one challenge in, the proof (or an error) out.
self.onmessage = (event: MessageEvent<PowChallenge>) => {
  solve(event.data).then(
    (proof) => self.postMessage(proof),
    (error: unknown) => self.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
};
