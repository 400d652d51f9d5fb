import { useEffect, useRef } from 'react';

/**
 * A ref whose element takes the keyboard focus when it mounts: the first field of a dialog,
 * so typing starts there rather than on the dialog frame. (React's autoFocus does the same
 * without saying why, which the lint rule forbids.)
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}
