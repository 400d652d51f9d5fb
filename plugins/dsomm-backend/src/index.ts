/**
 * Backend plugin that scores Backstage components against the OWASP DevSecOps Maturity Model.
 *
 * @packageDocumentation
 */
export { dsommPlugin as default } from './plugin';
