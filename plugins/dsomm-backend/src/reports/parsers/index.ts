import { ReportParser } from './types';
import { sarifParser } from './sarif';
import { cyclonedxJsonParser, cyclonedxXmlParser } from './cyclonedx';
import { spdxParser } from './spdx';
import { zapJsonParser, zapXmlParser } from './zap';
import { trivyParser } from './trivy';
import { semgrepParser } from './semgrep';
import { banditParser } from './bandit';
import { semgrepSupplyChainParser } from './semgrepSupplyChain';
import { checkovParser } from './checkov';
import { grypeParser } from './grype';
import { npmAuditParser } from './npmAudit';
import { osvScannerParser } from './osvScanner';
import { gitleaksParser } from './gitleaks';

/**
 * Every parser, in detection order: formats with a distinctive top-level marker first;
 * gitleaks last, since its report is a bare list (an empty one included).
 */
export const defaultReportParsers: ReportParser[] = [
  sarifParser,
  cyclonedxJsonParser,
  cyclonedxXmlParser,
  spdxParser,
  zapXmlParser,
  zapJsonParser,
  trivyParser,
  semgrepParser,
  banditParser,
  semgrepSupplyChainParser,
  checkovParser,
  grypeParser,
  npmAuditParser,
  osvScannerParser,
  gitleaksParser,
];

export type { ReportParser } from './types';
