import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import OutlinedInput from '@material-ui/core/OutlinedInput';
import Select from '@material-ui/core/Select';
import Checkbox from '@material-ui/core/Checkbox';
import ListItemText from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  control: { width: '100%' },
  value: {
    display: 'block',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  // text.secondary on the page's grey background falls just short of 4.5:1 contrast.
  placeholder: { color: theme.palette.text.primary },
  label: { color: theme.palette.text.primary },
}));

export interface SelectItem {
  value: string;
  label: string;
}

type Props = {
  /** Unique on the page: it ties the visible label to the select for screen readers. */
  id: string;
  label: string;
  items: SelectItem[];
  /** Shown when nothing is chosen. */
  placeholder?: string;
} & (
  | { multiple: true; selected: string[]; onChange: (values: string[]) => void }
  | { multiple?: false; selected: string; onChange: (value: string) => void }
);

/**
 * A select whose visible label is also its accessible name (`labelId`), so a screen reader
 * announces "Owner, All" rather than only the shown value. Multiple selection lists the
 * chosen labels in the field and ticks them in the menu.
 */
export function LabelledSelect(props: Props) {
  const { id, label, items, placeholder = 'All' } = props;
  const classes = useStyles();
  const labelId = `${id}-label`;
  const labelOf = (value: string) =>
    items.find(item => item.value === value)?.label ?? value;
  const chosen = props.multiple ? props.selected : [props.selected];
  return (
    <FormControl
      variant="outlined"
      size="small"
      margin="dense"
      className={classes.control}
    >
      <InputLabel id={labelId} shrink className={classes.label}>
        {label}
      </InputLabel>
      <Select
        labelId={labelId}
        id={id}
        // The label always sits in the outline's gap: the empty select shows "All".
        input={<OutlinedInput notched label={label} />}
        multiple={props.multiple}
        displayEmpty
        value={props.selected}
        onChange={event => {
          const value = event.target.value as string | string[];
          if (props.multiple) props.onChange([value].flat().map(String));
          else props.onChange(String(value));
        }}
        renderValue={() => {
          const shown = chosen.filter(value => value !== '');
          return (
            <span
              className={`${classes.value} ${
                shown.length === 0 ? classes.placeholder : ''
              }`}
            >
              {shown.length === 0 ? placeholder : shown.map(labelOf).join(', ')}
            </span>
          );
        }}
      >
        {items.map(item => (
          <MenuItem key={item.value} value={item.value}>
            {props.multiple && (
              <Checkbox
                color="primary"
                size="small"
                checked={props.selected.includes(item.value)}
              />
            )}
            <ListItemText primary={item.label} />
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
