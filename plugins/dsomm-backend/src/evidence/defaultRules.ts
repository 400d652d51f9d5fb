import { AnnotationRule } from './annotations';

/**
 * Well-known Backstage annotations that show a practice is in place. Each maps to the DSOMM
 * activities the integration proves at least in part; config can add rules or turn these off.
 * TechDocs is absent on purpose: DSOMM 4.3.1 has no documentation activity it would prove.
 */
export const DEFAULT_ANNOTATION_RULES: AnnotationRule[] = [
  // A code-quality server analysing the code on every build.
  {
    annotation: 'sonarqube.org/project-key',
    activities: ['static-analysis-for-important-server-side-components'],
  },
  // Dependency scanning of the service's libraries.
  {
    annotation: 'snyk.io/org-name',
    activities: ['software-composition-analysis-server-side'],
  },
  {
    annotation: 'dependencytrack/project-id',
    activities: [
      'software-composition-analysis-server-side',
      'inventory-of-production-dependencies',
    ],
  },
  // Source under version control in a hosted forge.
  { annotation: 'github.com/project-slug', activities: ['version-control'] },
  { annotation: 'gitlab.com/project-slug', activities: ['version-control'] },
  // A CI job that builds the component.
  {
    annotation: 'jenkins.io/job-full-name',
    activities: ['defined-build-process'],
  },
  // Deployed by a GitOps controller.
  {
    annotation: 'argocd/app-name',
    activities: ['automated-deployment-process'],
  },
  // Runs on Kubernetes.
  {
    annotation: 'backstage.io/kubernetes-id',
    activities: ['applications-are-running-in-virtualized-environments'],
  },
  // On-call alerting.
  { annotation: 'pagerduty.com/integration-key', activities: ['alerting'] },
  // Dashboards of its metrics.
  {
    annotation: 'grafana/dashboard-selector',
    activities: ['visualized-metrics'],
  },
];
