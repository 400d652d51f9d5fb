import { useEffect, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import { useEntityList } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import { dsommApiRef } from '../../api';
import { useFocusRingStyles } from '../common/focusRing';
import {
  BELOW_TARGET_FILTER_KEY,
  DsommBelowTargetFilter,
  DsommCatalogFilters,
} from './DsommBelowTargetFilter';

/**
 * A catalog filter: "DSOMM: below target" keeps the components that miss their DSOMM
 * target. The refs below target are fetched once, when the box is first ticked (or the page
 * opens with `filters[dsommBelowTarget]=true`).
 *
 * @public
 */
export function DsommBelowTargetPicker() {
  const api = useApi(dsommApiRef);
  const focus = useFocusRingStyles();
  const { updateFilters, queryParameters } =
    useEntityList<DsommCatalogFilters>();
  const [checked, setChecked] = useState(
    [queryParameters[BELOW_TARGET_FILTER_KEY]].flat().includes('true'),
  );
  const [refs, setRefs] = useState<Set<string>>();
  const [error, setError] = useState<Error>();

  useEffect(() => {
    if (!checked || refs || error) return undefined;
    let current = true;
    api.getBelowTargetRefs().then(
      response => current && setRefs(new Set(response.entityRefs)),
      e => current && setError(e as Error),
    );
    return () => {
      current = false;
    };
  }, [api, checked, refs, error]);

  useEffect(() => {
    // Until the refs are known the list is not narrowed, so it never shows a wrong empty list.
    updateFilters({
      [BELOW_TARGET_FILTER_KEY]:
        checked && refs ? new DsommBelowTargetFilter(refs) : undefined,
    });
  }, [checked, refs, updateFilters]);

  return (
    <Box pb={1} pt={1} className={focus.focusRing}>
      <FormControlLabel
        control={
          <Checkbox
            checked={checked}
            onChange={event => {
              setChecked(event.target.checked);
              setError(undefined);
            }}
            color="primary"
          />
        }
        label="DSOMM: below target"
      />
      {checked && !refs && !error && (
        <Typography variant="caption" color="textSecondary" display="block">
          Loading the components below target…
        </Typography>
      )}
      {error && (
        <Typography
          variant="caption"
          color="error"
          display="block"
          role="alert"
        >
          DSOMM levels could not be loaded: {error.message}
        </Typography>
      )}
    </Box>
  );
}
