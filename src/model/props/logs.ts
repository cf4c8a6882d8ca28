/**
 * The props of the access log kinds (issue 15), resolved form (see ./lb.ts for the convention).
 */

/** A stage's access log settings: the destination's ARN (the log group apigw adds, resolved) and the format. */
export type AccessLogProps = {
  destinationArn: string;
  format: string;
};

/**
 * A stage's setting props once the model has resolved them: the catalogue's `accessLogs` may name no
 * destination (null: the group apigw creates), and model/log-groups.ts points such a stage at that
 * group, so a stage provider always receives an ARN.
 */
export type Resolved<P> = P extends { accessLogs: unknown }
  ? Omit<P, 'accessLogs'> & { accessLogs: AccessLogProps | null }
  : P;

/** `log-group` (providers/log-group.ts): a stage's access log group, keyed by its name. */
export type LogGroupProps = {
  retentionDays: number;
};
