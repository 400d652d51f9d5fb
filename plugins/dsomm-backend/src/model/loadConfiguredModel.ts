import { promises as fs } from 'fs';
import { resolve as resolvePath } from 'path';
import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { DsommModel } from '@dsomm/plugin-dsomm-common';
import {
  getBuiltInModel,
  parseModelYaml,
} from '@dsomm/plugin-dsomm-common/node';

/** The model named by `dsomm.model.file`, or the built-in one when the key is absent. */
export async function loadConfiguredModel(
  config: Config,
  logger: LoggerService,
): Promise<DsommModel> {
  const file = config.getOptionalString('dsomm.model.file');
  if (!file) {
    const model = getBuiltInModel();
    logger.info(
      `Using the built-in DSOMM ${model.version} model (${model.activities.length} activities)`,
    );
    return model;
  }
  const path = resolvePath(file);
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    throw new Error(
      `dsomm.model.file: cannot read ${path}: ${(error as Error).message}`,
    );
  }
  const model = parseModelYaml(text, path);
  logger.info(
    `Loaded DSOMM ${model.version} model from ${path} (${model.activities.length} activities)`,
  );
  return model;
}
