import { Link } from '@backstage/core-components';

/** An activity's name, linking to its page on the DSOMM site in a new tab. */
export function ActivityLink(props: { name: string; url: string }) {
  return (
    <Link to={props.url} target="_blank" rel="noopener noreferrer">
      {props.name}
    </Link>
  );
}
