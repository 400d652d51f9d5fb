import { useApiHolder } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  ReactNode,
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import {
  PERSON_FIELDS,
  displayNameOf,
  nameFromRef,
  userRefKey,
} from './personName';

interface PeopleDirectory {
  /** Display names found so far, by normalised User ref. */
  names: Map<string, string>;
  /** Asks for the display names of these refs; asked ones are not fetched again. */
  request(refs: string[]): void;
}

const PeopleContext = createContext<PeopleDirectory | undefined>(undefined);

/**
 * Looks up the people shown below it in the catalog: the refs its children ask for in one
 * render go to the catalog in one `getEntitiesByRefs` call, and each ref is fetched once
 * while the provider is mounted. Without the catalog API (an app without the catalog) or for
 * an unknown user, names come from the refs.
 */
export function PeopleProvider(props: { children: ReactNode }) {
  const catalogApi = useApiHolder().get(catalogApiRef);
  const [names, setNames] = useState<Map<string, string>>(() => new Map());
  const asked = useRef(new Set<string>());
  const queue = useRef<string[]>([]);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  const flush = useCallback(async () => {
    const refs = queue.current.splice(0);
    if (!catalogApi || refs.length === 0) return;
    try {
      const { items } = await catalogApi.getEntitiesByRefs({
        entityRefs: refs,
        fields: PERSON_FIELDS,
      });
      if (!mounted.current) return;
      setNames(previous => {
        const next = new Map(previous);
        items.forEach((entity, i) => {
          if (entity) next.set(refs[i], displayNameOf(entity));
        });
        return next;
      });
    } catch {
      // Names from the refs stay: a failed lookup must not hide who did something.
    }
  }, [catalogApi]);

  const request = useCallback(
    (refs: string[]) => {
      if (!catalogApi) return;
      const wasEmpty = queue.current.length === 0;
      for (const ref of refs) {
        const key = userRefKey(ref);
        if (key && !asked.current.has(key)) {
          asked.current.add(key);
          queue.current.push(key);
        }
      }
      // Every child asks in its effect; waiting for the end of this task sends them together.
      if (wasEmpty && queue.current.length > 0) setTimeout(flush, 0);
    },
    [catalogApi, flush],
  );

  const directory = useMemo(() => ({ names, request }), [names, request]);
  return (
    <PeopleContext.Provider value={directory}>
      {props.children}
    </PeopleContext.Provider>
  );
}

/**
 * A function giving the display name of a person by ref, for the refs given: asks the
 * surrounding PeopleProvider for them, and gives the name from the ref until (or unless) the
 * catalog answers. Refs that are not Users come back as they are.
 */
export function usePersonNames(refs: string[]): (ref: string) => string {
  const directory = useContext(PeopleContext);
  const key = refs.join('\n');
  useEffect(() => {
    if (key) directory?.request(key.split('\n'));
  }, [directory, key]);
  const names = directory?.names;
  return useCallback(
    (ref: string) => {
      const userKey = userRefKey(ref);
      if (!userKey) return ref;
      return names?.get(userKey) ?? nameFromRef(ref);
    },
    [names],
  );
}
