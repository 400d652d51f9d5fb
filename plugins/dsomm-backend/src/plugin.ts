import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { dsommPermissions } from '@dsomm/plugin-dsomm-common';
import { expiryDaysOf, readDsommConfig } from './config/readDsommConfig';
import { DsommStore } from './database/DsommStore';
import { registerDsommActions } from './actions/dsommActions';
import { loadConfiguredModel } from './model/loadConfiguredModel';
import { EntityService } from './service/EntityService';
import { GateService } from './gate/GateService';
import { createRouter } from './service/router';
import { CampaignService } from './campaigns/CampaignService';
import { AuditService } from './service/AuditService';
import { ApprovalService } from './service/ApprovalService';
import { LevelSummaryService } from './service/LevelSummaryService';
import {
  DEFAULT_SCORECARD_KPI_WINDOW_DAYS,
  ScorecardService,
} from './service/ScorecardService';
import { kpiSlaDaysOf } from './kpis/groupKpis';
import { ReportService } from './service/ReportService';
import { RollupService } from './service/RollupService';
import { LiftPreviewService } from './rollup/LiftPreviewService';
import { ParsePool } from './reports/pool/ParsePool';
import { ProgressService } from './service/ProgressService';
import { ScoringService } from './service/ScoringService';
import { VisibilityService } from './service/visibility';
import { Notifier } from './notifications/Notifier';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The DSOMM backend plugin: scores catalog components against the OWASP DevSecOps
 * Maturity Model and serves the results under /api/dsomm.
 */
export const dsommPlugin = createBackendPlugin({
  pluginId: 'dsomm',
  register(env) {
    env.registerInit({
      deps: {
        rootConfig: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auditor: coreServices.auditor,
        auth: coreServices.auth,
        userInfo: coreServices.userInfo,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { rootConfig, logger, scheduler } = deps;
        const model = await loadConfiguredModel(rootConfig, logger);
        const config = readDsommConfig(rootConfig, model);
        const store = await DsommStore.create({
          database: deps.database,
          // Each day's history keeps the components' KPIs, for the scorecard's KPI trend.
          kpiSnapshots: {
            sla: kpiSlaDaysOf(config.reports),
            windowDays: DEFAULT_SCORECARD_KPI_WINDOW_DAYS,
          },
        });
        const visibility = new VisibilityService({
          permissions: deps.permissions,
          catalog: deps.catalog,
        });
        const campaigns = new CampaignService({
          store,
          model,
          scopes: {
            catalog: deps.catalog,
            auth: deps.auth,
            visibility,
            scopes: config.scopes,
          },
        });
        // Messages to component owners (README, "Notifications"); off unless configured.
        const notifier = new Notifier({
          config,
          model,
          store,
          campaigns,
          notifications: deps.notifications,
          logger,
        });
        const scoring = new ScoringService({
          model,
          config,
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          // Each full recompute also records the live campaigns' counts of its day, the
          // burn-up of goals the score history cannot judge.
          onRecomputed: day => campaigns.recordSnapshots(day),
          notifier,
        });
        const entities = new EntityService({
          model,
          config,
          store,
          catalog: deps.catalog,
          auth: deps.auth,
          scoring,
        });

        deps.permissionsRegistry.addPermissions(dsommPermissions);

        // Reports are parsed in worker threads, within the configured budgets.
        const parsePool = new ParsePool(config.reports.parse);
        deps.lifecycle.addShutdownHook(() => parsePool.close());

        // Global: with several replicas on one database, one of them runs it at a time.
        await scheduler.scheduleTask({
          id: 'dsomm-recompute',
          scope: 'global',
          ...config.schedule,
          fn: async () => {
            await scoring.recomputeAll();
            await notifier.afterRecompute();
          },
        });
        // Daily: score history, superseded reports, audit entries and sent notifications past
        // their retention, and the expiries of attestations and waivers into the audit trail.
        await scheduler.scheduleTask({
          id: 'dsomm-history-cleanup',
          scope: 'global',
          frequency: { hours: 24 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const before = new Date(
              Date.now() - config.history.retentionDays * DAY_MS,
            )
              .toISOString()
              .slice(0, 10);
            const removed = await store.pruneHistory(before);
            const reportsBefore = new Date(
              Date.now() - config.reports.retentionDays * DAY_MS,
            ).toISOString();
            const reports = await store.pruneReports(reportsBefore);
            const expired = await store.auditExpiries(new Date());
            const auditBefore = new Date(
              Date.now() - config.audit.retentionDays * DAY_MS,
            ).toISOString();
            const audit = await store.pruneAudit(auditBefore);
            // Fixed findings are kept as long as the reports that showed them.
            const closed = await store.pruneFindingLifecycle(reportsBefore);
            const notificationsBefore = new Date(
              Date.now() - config.notifications.retentionDays * DAY_MS,
            ).toISOString();
            const notifications = await store.pruneNotifications(
              notificationsBefore,
            );
            logger.info(
              `DSOMM cleanup removed ${removed} history snapshots older than ${before}, ${reports} superseded reports uploaded before ${reportsBefore}, ${closed} findings closed before then, ${audit} audit entries before ${auditBefore} and ${notifications} sent notifications recorded before ${notificationsBefore}; it recorded ${expired} expiries`,
            );
          },
        });

        const scorecard = new ScorecardService(
          store,
          model.dimensions.map(d => d.name),
          {
            targets: config.targets,
            catalog: deps.catalog,
            auth: deps.auth,
            sla: kpiSlaDaysOf(config.reports),
            storedKpiWindowDays: DEFAULT_SCORECARD_KPI_WINDOW_DAYS,
          },
        );
        registerDsommActions(deps.actionsRegistry, {
          model,
          entities,
          scorecard,
          campaigns,
          visibility,
          permissions: deps.permissions,
          userInfo: deps.userInfo,
          auditor: deps.auditor,
        });

        deps.httpRouter.use(
          await createRouter({
            model,
            config,
            entities,
            scorecard,
            visibility,
            rollups: new RollupService({
              model,
              store,
              catalog: deps.catalog,
              auth: deps.auth,
              visibility,
              // A group's roll-up takes in its descendant groups' components, as its
              // evidence reaches them.
              scopes: config.scopes,
              expiryDays: expiryDaysOf(config),
            }),
            liftPreviews: new LiftPreviewService({
              model,
              store,
              catalog: deps.catalog,
              auth: deps.auth,
              visibility,
              scopes: config.scopes,
            }),
            gates: new GateService({ config, store, entities }),
            reports: new ReportService({
              model,
              config,
              store,
              scoring,
              reader: parsePool,
            }),
            progress: new ProgressService({
              model,
              config,
              store,
              catalog: deps.catalog,
              auth: deps.auth,
              parse: (text, options) => parsePool.readProgress(text, options),
              rescoreScopes: refs => scoring.rescoreScopeAfterWrite(...refs),
            }),
            levelSummaries: new LevelSummaryService(store),
            audit: new AuditService({ store }),
            approvals: new ApprovalService({
              store,
              permissions: deps.permissions,
            }),
            campaigns,
            auditor: deps.auditor,
            httpAuth: deps.httpAuth,
            userInfo: deps.userInfo,
            permissions: deps.permissions,
          }),
        );
      },
    });
  },
});
