import { type Challenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import type { PowChallenge, ProofOfWork } from '@lotse/common';

/** Finds the counter whose SHA-256 key starts with the challenge's prefix (Web Crypto). */
export async function solve(challenge: PowChallenge): Promise<ProofOfWork> {
  const solution = await solveChallenge({
    challenge: challenge as unknown as Challenge,
    deriveKey,
    timeout: 60_000,
  });
  if (!solution) throw new Error('The proof of work timed out');
  return { challenge, solution: solution as unknown as ProofOfWork['solution'] };
}
