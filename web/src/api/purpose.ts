import { useSyncExternalStore } from 'react';
import { type Purpose, purposes } from '@lotse/common';

// Kept per staff member: counters are shared, and the next person at the desk must not inherit a purpose.
const STORAGE_PREFIX = 'lotse.purpose.';

let scope: string | null = null;
let chosen: Purpose | null = null;
const listeners = new Set<() => void>();

export function isPurpose(value: unknown): value is Purpose {
  return purposes.some((p) => p === value);
}

function storedPurpose(staffId: string): Purpose | null {
  try {
    const stored = localStorage.getItem(STORAGE_PREFIX + staffId);
    return isPurpose(stored) ? stored : null;
  } catch {
    return null;
  }
}

function notify() {
  for (const listener of listeners) listener();
}

/** Switches to the purpose the signed-in staff member chose last time (null: signed out). */
export function setPurposeScope(staffId: string | null) {
  if (staffId === scope) return;
  scope = staffId;
  chosen = staffId ? storedPurpose(staffId) : null;
  notify();
}

/** Chooses the purpose every later request names; null: the default of the member's agency. */
export function choosePurpose(purpose: Purpose | null) {
  chosen = purpose;
  try {
    if (scope && purpose) localStorage.setItem(STORAGE_PREFIX + scope, purpose);
    else if (scope) localStorage.removeItem(STORAGE_PREFIX + scope);
  } catch {
    // Storage may be disabled; the choice then lasts for this page only.
  }
  notify();
}

/** The purpose requests name now (header X-Lotse-Purpose), or null for the agency's default. */
export function requestPurpose(): Purpose | null {
  return chosen;
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The chosen purpose, re-rendering when it changes (pages refetch their data then). */
export function useRequestPurpose(): Purpose | null {
  return useSyncExternalStore(subscribe, requestPurpose);
}
