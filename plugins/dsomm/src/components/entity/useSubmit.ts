import { useCallback, useState } from 'react';
import { errorMessage } from './format';

/** Runs a dialog's API call, keeping whether it runs and the message of its last failure. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const run = useCallback(async (call: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await call();
      setBusy(false);
      return true;
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
      return false;
    }
  }, []);
  return { busy, error, run };
}
