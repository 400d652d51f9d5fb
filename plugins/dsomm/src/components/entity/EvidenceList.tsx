import { Link } from '@backstage/core-components';
import {
  Attestation,
  EvidenceItem,
  StoredReport,
  Waiver,
} from '@dsomm/plugin-dsomm-common';
import Button from '@material-ui/core/Button';
import MuiLink from '@material-ui/core/Link';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PersonName } from '../people/PersonName';
import { ActivityRow } from './activityRows';
import { ContradictionNote } from './ContradictionNote';
import { SOURCE_LABELS, formatDay, isHttpUrl, isPast } from './format';
import { isInherited } from './inheritance';
import { ScopeLink } from './ScopeLink';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, padding: 0, listStyle: 'none' },
  item: {
    '& + &': {
      marginTop: theme.spacing(1),
      paddingTop: theme.spacing(1),
      borderTop: `1px dashed ${theme.palette.divider}`,
    },
  },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: theme.spacing(1),
  },
  revoke: { padding: theme.spacing(0, 0.5), minWidth: 0 },
  heading: { lineHeight: 1.5 },
}));

/** Id of the section row listing a report, for links from evidence. */
export function reportAnchorId(reportId: string): string {
  return `dsomm-report-${reportId}`;
}

function detailString(item: EvidenceItem, key: string): string | undefined {
  const value = item.details?.[key];
  return typeof value === 'string' && value ? value : undefined;
}

function EvidenceLinks(props: {
  item: EvidenceItem;
  reports?: StoredReport[];
}) {
  const { item, reports } = props;
  const url = item.details?.url;
  const reportId = detailString(item, 'reportId');
  const report = reportId ? reports?.find(r => r.id === reportId) : undefined;
  return (
    <>
      {isHttpUrl(url) && (
        <Link to={url} target="_blank" rel="noopener noreferrer">
          Link
        </Link>
      )}
      {reportId && (
        <MuiLink href={`#${reportAnchorId(reportId)}`}>
          Report {reportId.slice(0, 8)}
        </MuiLink>
      )}
      {report && isHttpUrl(report.source) && (
        <Link to={report.source} target="_blank" rel="noopener noreferrer">
          Pipeline run
        </Link>
      )}
    </>
  );
}

/** Evidence, waivers and the revoke actions of one activity. */
export function EvidenceList(props: {
  row: ActivityRow;
  reports?: StoredReport[];
  onRevokeAttestation?: (attestation: Attestation) => void;
  onRevokeWaiver?: (waiver: Waiver) => void;
}) {
  const { row, reports, onRevokeAttestation, onRevokeWaiver } = props;
  const classes = useStyles();
  const attestationsById = new Map(row.attestations.map(a => [a.id, a]));
  const own = row.evidence.filter(e => !isInherited(e));
  const inherited = row.evidence.filter(isInherited);
  const annotationWaiver =
    row.status === 'not-applicable' && row.waivers.length === 0;
  if (row.evidence.length === 0 && row.waivers.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {annotationWaiver
          ? 'Declared not applicable in the catalog (dsomm.owasp.org/not-applicable)'
          : 'None'}
      </Typography>
    );
  }
  return (
    <ul className={classes.list}>
      {row.status === 'contradicted' && (
        <li className={classes.item}>
          <ContradictionNote row={row} />
        </li>
      )}
      {row.waivers.map(waiver => (
        <li key={waiver.id} className={classes.item}>
          <Typography variant="body2">
            <strong>Waiver</strong>: {waiver.justification}
          </Typography>
          <Typography
            variant="caption"
            color="textSecondary"
            component="div"
            className={classes.meta}
          >
            <span>
              by <PersonName entityRef={waiver.grantedBy} /> on{' '}
              {formatDay(waiver.grantedAt)}
            </span>
            {waiver.expiresAt && (
              <span>
                {isPast(waiver.expiresAt) ? 'expired' : 'until'}{' '}
                {formatDay(waiver.expiresAt)}
              </span>
            )}
            {onRevokeWaiver && (
              <RevokeButton
                label={`Revoke waiver of ${row.name}`}
                onClick={() => onRevokeWaiver(waiver)}
              />
            )}
          </Typography>
        </li>
      ))}
      {own.map((item, index) => (
        <EvidenceEntry
          key={`own-${index}`}
          item={item}
          row={row}
          reports={reports}
          attestation={attestationsById.get(
            detailString(item, 'evidenceId') ?? '',
          )}
          onRevokeAttestation={onRevokeAttestation}
        />
      ))}
      {inherited.length > 0 && (
        <li className={classes.item}>
          <Typography
            variant="overline"
            component="div"
            className={classes.heading}
          >
            Inherited
          </Typography>
          <ul
            className={classes.list}
            aria-label={`Inherited evidence of ${row.name}`}
          >
            {inherited.map((item, index) => (
              <EvidenceEntry
                key={`inherited-${index}`}
                item={item}
                row={row}
                reports={reports}
              />
            ))}
          </ul>
        </li>
      )}
    </ul>
  );
}

/**
 * One piece of evidence: what it is and its provenance. Inherited items say which scope they
 * come from, with a link to it; they are revoked on the scope, so they offer no revoke here.
 */
function EvidenceEntry(props: {
  item: EvidenceItem;
  row: ActivityRow;
  reports?: StoredReport[];
  attestation?: Attestation;
  onRevokeAttestation?: (attestation: Attestation) => void;
}) {
  const { item, row, reports, attestation, onRevokeAttestation } = props;
  const classes = useStyles();
  const actor = detailString(item, 'actor');
  const tool = detailString(item, 'tool');
  const summary = detailString(item, 'summary');
  return (
    <li className={classes.item}>
      {item.scope && (
        <Typography variant="body2" component="div">
          From <ScopeLink scope={item.scope} />
        </Typography>
      )}
      <Typography variant="body2">
        <strong>{SOURCE_LABELS[item.source] ?? item.source}</strong>
        {summary ? `: ${summary}` : ''}
      </Typography>
      <Typography
        variant="caption"
        color="textSecondary"
        component="div"
        className={classes.meta}
      >
        {actor && (
          <span>
            {item.source === 'attestation' ? 'attested' : 'recorded'} by{' '}
            <PersonName entityRef={actor} />
          </span>
        )}
        <span>{formatDay(item.observedAt)}</span>
        {tool && item.source === 'report' && <span>tool {tool}</span>}
        {item.expiresAt && (
          <span>
            {isPast(item.expiresAt) ? 'expired' : 'expires'}{' '}
            {formatDay(item.expiresAt)}
          </span>
        )}
        <EvidenceLinks item={item} reports={reports} />
        {attestation && onRevokeAttestation && (
          <RevokeButton
            label={`Revoke attestation of ${row.name}`}
            onClick={() => onRevokeAttestation(attestation)}
          />
        )}
      </Typography>
    </li>
  );
}

function RevokeButton(props: { label: string; onClick: () => void }) {
  const classes = useStyles();
  return (
    <Button
      size="small"
      color="secondary"
      className={classes.revoke}
      onClick={props.onClick}
      aria-label={props.label}
    >
      Revoke
    </Button>
  );
}
