/** Base of the DSOMM site's activity pages; DSOMM's own texts live there, not in this plugin. */
export const DSOMM_ACTIVITY_URL =
  'https://dsomm.owasp.org/activity-description';

/** Link to an activity's page on the DSOMM site. */
export function activityUrl(id: string): string {
  return `${DSOMM_ACTIVITY_URL}?uuid=${encodeURIComponent(id)}`;
}
