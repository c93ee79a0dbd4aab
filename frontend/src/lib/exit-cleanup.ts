// What else the Quick exit clears on its way out, registered by the features that hold something (an unsent message
// in a composer): the exit (features/safety) runs them without knowing those features.
const cleanups = new Set<() => void>();

/** Have the Quick exit call ``cleanup`` (e.g. empty the drafts on screen); returns the function that unregisters. */
export function onQuickExit(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

/** Called by the Quick exit: every registered cleanup, each on its own (one failing does not stop the others). */
export function runExitCleanups(): void {
  for (const cleanup of [...cleanups]) {
    try {
      cleanup();
    } catch {
      // Leaving goes ahead whatever a cleanup does.
    }
  }
}
