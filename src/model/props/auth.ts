/**
 * The props of the kinds both API types share for authorizers (issue 16), resolved form (see
 * ./lb.ts for the convention).
 */

/**
 * `lambda-permission` (providers/lambda-permission.ts): API Gateway's right to invoke one
 * authorizer function for one API — a statement in the function's resource policy whose id apigw
 * derives from the stack and the authorizer name (`permissionStatementId`).
 */
export type LambdaPermissionProps = {
  functionArn: string;
  /** The API the statement's `AWS:SourceArn` is scoped to. */
  apiId: string;
};
