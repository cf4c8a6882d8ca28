/**
 * The props of the access log kinds (issue 15), resolved form (see ./lb.ts for the convention).
 */

/** A stage's access log settings: the destination's ARN (the log group apigw adds, resolved) and the format. */
export type AccessLogProps = {
  destinationArn: string;
  format: string;
};

/** `log-group` (providers/log-group.ts): a stage's access log group, keyed by its name. */
export type LogGroupProps = {
  retentionDays: number;
};
